import "server-only";
import { pruneSignInThrottle } from "@/lib/auth/sign-in-throttle";
import { triagePendingMessages } from "@/lib/routing/triage-inbound-message";
import { db } from "@/lib/db";
import { configuredChannels, env, metaConfigured } from "@/lib/env";
import { META_CHANNELS, SHOP_CHANNELS } from "@/lib/channels/channels";
import { foldConversationCounts } from "@/lib/inbox/list-conversations";
import { sendOverdueHeldReplies } from "@/lib/inbox/send-staff-reply";
import { settleUnconfirmedReplies } from "@/lib/inbox/settle-unconfirmed-replies";
import { wakeSnoozedConversations } from "@/lib/inbox/wake-snoozed-conversations";
import type { Channel } from "@/lib/generated/prisma/enums";
import { markAbandonedCheckouts } from "@/lib/outbound/abandoned-checkout-flow";
import { claimDueMessages, reclaimExpiredLeases } from "@/lib/outbound/claim-due-messages";
import { sendScheduledMessages, startSendRun, type SendResult } from "@/lib/outbound/send-scheduled-message";
import { resumeLongPausedReviewSteps } from "@/lib/outbound/review-pause";
import { failUnconfirmedChatMessages, settleUnknownMessages } from "@/lib/outbound/settle-unknown-messages";
import { getShopSettingsRow } from "@/lib/settings/get-shop-settings";
import { ensureDefaultTemplates } from "@/lib/templates/ensure-default-templates";
import { deliverOutboxMessages } from "@/lib/outbox/deliver-outbox";
import { activeTransports } from "@/lib/delivery/providers/transport";
import { logError } from "@/lib/log";
import { carryOutPendingPrivacyRequests } from "@/lib/privacy/privacy-requests";
import { removeExpiredMessageBodies } from "@/lib/privacy/retention";
import { removeUnsentUploads } from "@/lib/attachments/reply-uploads";
import { sendNotificationDigests } from "@/lib/notifications/notification-digest";
import { pruneWebhookRecords } from "@/lib/webhooks/webhook-outcomes";
import { keepOutcomeRollupWarm } from "@/lib/reports/outcome-rollup";

export type DispatchReport = {
  channels: Channel[];
  /** Set when nothing could be sent, and why. */
  waiting?: string;
  /** Snoozed conversations back in the open views. */
  woken: number;
  abandonedCheckouts: number;
  reclaimed: number;
  settled: { sent: number; requeued: number };
  /** Automatic answers on Messenger or Instagram Meta never confirmed: failed, never resent. */
  unconfirmedChatsFailed: number;
  /** Staff replies whose provider call got no answer and nobody retried: looked up. */
  settledReplies: { sent: number; failed: number };
  /** Replies held for Undo whose request did not send them (its process stopped). */
  heldRepliesSent: number;
  results: Partial<Record<SendResult, number>>;
};

const BATCH = 50;

/**
 * Provider calls in flight per process. A call holds no database connection (its batch is written
 * before and recorded after, one statement each), so the pool does not bound it: at 20 ms a call,
 * 16 in flight allow 800 messages a second.
 */
function dispatchConcurrency(): number {
  return env().DISPATCH_CONCURRENCY;
}

/** Round n holds each customer's nth claimed message, in claim (due) order. */
function customerRounds(claimed: { id: string; customerId: string }[]): string[][] {
  const rounds: string[][] = [];
  const taken = new Map<string, number>();
  for (const { id, customerId } of claimed) {
    const round = taken.get(customerId) ?? 0;
    taken.set(customerId, round + 1);
    (rounds[round] ??= []).push(id);
  }
  return rounds;
}

// Slots are shared by every dispatch run of the process (a cron call may overlap the timer's).
let sendsInFlight = 0;
const waitingForSlot: (() => void)[] = [];

async function withSendSlot(task: () => Promise<void>): Promise<void> {
  if (sendsInFlight < dispatchConcurrency()) sendsInFlight++;
  else await new Promise<void>((resolve) => waitingForSlot.push(resolve));
  try {
    await task();
  } finally {
    // The slot passes straight to the next waiting task, or is freed.
    const next = waitingForSlot.shift();
    if (next) next();
    else sendsInFlight--;
  }
}
const TIME_BUDGET_MS = 45_000;

/**
 * The cron job: wake snoozed conversations, fold the inbox counts, notice abandoned checkouts, recover messages from dead dispatchers, settle
 * ambiguous sends, then send what is due in batches until nothing is left or time runs out.
 * Safe to run many at once: each message is claimed by exactly one of them.
 */
export async function dispatchDueMessages(
  options: { now?: () => Date; timeBudgetMs?: number } = {},
): Promise<DispatchReport> {
  const clock = options.now ?? (() => new Date());
  const started = Date.now();
  const configured = configuredChannels();
  const shopChannels = SHOP_CHANNELS.filter((channel) => configured[channel]);
  const channels = [
    ...shopChannels,
    // Answers only (the review link for a happy message): nothing is scheduled there otherwise.
    ...(metaConfigured() ? META_CHANNELS : []),
  ];

  const woken = await wakeSnoozedConversations(clock());
  await foldConversationCounts();
  await pruneSignInThrottle(clock());
  await pruneWebhookRecords(clock());
  await removeUnsentUploads(clock());
  // Read once per run: every message of the run is composed with the same settings.
  const settings = await getShopSettingsRow();
  if (!settings) {
    return {
      channels: [...channels],
      waiting: "Set up the shop in Settings first.",
      woken,
      abandonedCheckouts: 0,
      reclaimed: 0,
      settled: { sent: 0, requeued: 0 },
      unconfirmedChatsFailed: 0,
      settledReplies: { sent: 0, failed: 0 },
      heldRepliesSent: 0,
      results: {},
    };
  }
  await ensureDefaultTemplates();
  await resumeLongPausedReviewSteps(settings.reviewPauseMaxDays, db, clock());
  await triagePendingMessages(clock());
  await carryOutPendingPrivacyRequests(clock());
  await removeExpiredMessageBodies(settings, clock());
  const abandonedCheckouts = await markAbandonedCheckouts(db, clock());
  const reclaimed = await reclaimExpiredLeases(clock());
  const settled = await settleUnknownMessages(clock(), shopChannels);
  const unconfirmedChatsFailed = await failUnconfirmedChatMessages(clock());
  const settledReplies = await settleUnconfirmedReplies(clock(), channels);
  const heldRepliesSent = await sendOverdueHeldReplies(clock());
  // A demo's Outbox reports its deliveries like a provider would.
  const transports = activeTransports();
  if (transports.email === "outbox" || transports.sms === "outbox") await deliverOutboxMessages(clock());
  const results: DispatchReport["results"] = {};
  const count = (result: SendResult, n = 1) => (results[result] = (results[result] ?? 0) + n);

  const run = await startSendRun(settings);
  const sendRound = async (ids: string[]) => {
    try {
      for (const result of (await sendScheduledMessages(ids, run, clock(), withSendSlot)).values()) count(result);
    } catch (error) {
      // Left "sending": the leases expire and the messages are settled, never sent twice blindly.
      logError("dispatch", `a batch of ${ids.length} failed unexpectedly`, error);
      count("unknown", ids.length);
    }
  };
  while (Date.now() - started < (options.timeBudgetMs ?? TIME_BUDGET_MS)) {
    const claimed = await claimDueMessages({ now: clock(), limit: BATCH, channels: [...channels] });
    if (claimed.length === 0) break;
    // Several customers at once (a provider call is mostly waiting), one customer's messages in
    // successive rounds: the rules that look at a customer's other sends (one review ask a day) see them.
    for (const round of customerRounds(claimed)) await sendRound(round);
  }
  // After the customers' messages, which matter more; a digest that fails never stops the run.
  await sendNotificationDigests(clock()).catch((error) => logError("dispatch", "notification digests failed", error));
  // After the sends, which matter more: a few more closed days of the outcome report's rollup.
  await keepOutcomeRollupWarm(clock());
  return {
    channels: [...channels],
    woken,
    abandonedCheckouts,
    reclaimed,
    settled,
    unconfirmedChatsFailed,
    settledReplies,
    heldRepliesSent,
    results,
  };
}
