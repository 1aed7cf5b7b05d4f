import "server-only";
import { db, type DbClient } from "@/lib/db";
import type { ShopSettings } from "@/lib/generated/prisma/client";
import { withSmsStates } from "@/lib/consent/sms-consent";
import { HIGH_VALUE_CART_WINDOW } from "@/lib/outbound/flow-steps";
import { loadClaimedMessages, type ClaimedMessage } from "@/lib/outbound/load-claimed-messages";
import { prepareThreadMessages, type SendCandidate, type SendRun } from "@/lib/outbound/prepare-thread-messages";
import { transmit } from "@/lib/delivery/transmit";
import { customerTimeZones } from "@/lib/outbound/quiet-hours";
import {
  recordAttempts,
  recordSentMessage,
  releaseMessages,
  type Attempt,
  type Release,
} from "@/lib/outbound/record-send-outcomes";
import { loadSendFacts, SENT_AS_CHECK_IN } from "@/lib/outbound/send-facts";
import { decideSend, type SendDecision } from "@/lib/outbound/send-eligibility";
import { loadApprovedVersions } from "@/lib/templates/get-approved-version";
import { logError } from "@/lib/log";

export { SENT_AS_CHECK_IN } from "@/lib/outbound/send-facts";
export type { SendRun } from "@/lib/outbound/prepare-thread-messages";

const DAY_MS = 24 * 60 * 60 * 1000;

export type SendResult =
  "sent" | "retry" | "failed" | "unknown" | "skipped" | "cancelled" | "paused" | "deferred" | "lost-lease";

/** Runs one provider call; the dispatcher passes its limit of calls in flight per process. */
export type ProviderCallSlot = (call: () => Promise<void>) => Promise<void>;

/** What a dispatch run composes every message with: the settings it read and the approved texts, read once. */
export async function startSendRun(settings: ShopSettings, tx: DbClient = db): Promise<SendRun> {
  return { settings, approvedVersions: await loadApprovedVersions(tx) };
}

/** Records a confirmed send on the schedule, the thread message and the conversation (the settling run holds the message). */
export async function recordSent(
  scheduledId: string,
  messageId: string,
  providerMessageId: string,
  at: Date,
  tx: DbClient,
  statusReason: string | null = null,
): Promise<void> {
  await recordSentMessage({ scheduledId, messageId, providerMessageId, statusReason }, at, tx);
}

/** The rules checked again at send time, with the facts of the whole batch read at once. */
async function decide(
  claimed: ClaimedMessage[],
  settings: ShopSettings,
  now: Date,
): Promise<{ scheduled: ClaimedMessage; decision: SendDecision }[]> {
  const customers = await withSmsStates(
    claimed.map((scheduled) => scheduled.customer),
    db,
  );
  const facts = await loadSendFacts(claimed, db);
  return claimed.map((scheduled, index) => ({
    scheduled,
    decision: decideSend({
      message: scheduled,
      customer: customers[index]!,
      checkoutCompleted: scheduled.checkout?.completed ?? false,
      ...facts.get(scheduled.id)!,
      maxReviewPauseMs: settings.reviewPauseMaxDays * DAY_MS,
      day5EmailWithSms: settings.day5EmailWithSms,
      smsZones: customerTimeZones(scheduled.customer, settings.timeZone),
      smsWindow:
        scheduled.flow === "high_value_cart"
          ? HIGH_VALUE_CART_WINDOW
          : { startHour: settings.smsWindowStartHour, endHour: settings.smsWindowEndHour },
      now,
    }),
  }));
}

const RESULT_OF: Record<Exclude<SendDecision["action"], "send">, SendResult> = {
  skip: "skipped",
  cancel: "cancelled",
  pause: "paused",
  defer: "deferred",
};

/** The status change of a message the rules hold back. */
function releaseFor(
  scheduled: ClaimedMessage,
  decision: Exclude<SendDecision, { action: "send" }>,
  now: Date,
): Release {
  switch (decision.action) {
    case "skip":
      return { id: scheduled.id, status: "skipped", statusReason: decision.reason };
    case "cancel":
      return { id: scheduled.id, status: "cancelled", statusReason: decision.reason };
    case "pause":
      return { id: scheduled.id, status: "paused", statusReason: decision.reason, pausedAt: scheduled.pausedAt ?? now };
    case "defer":
      return {
        id: scheduled.id,
        status: "scheduled",
        statusReason: decision.reason,
        dueAt: decision.until,
        giveBackAttempt: true,
      };
  }
}

/**
 * Sends claimed messages of different customers as one batch: checks the rules again, renders the
 * approved texts and records them in the customers' threads, calls the provider once for each
 * (several at once, within `slot`), and records what happened. The database work is a few
 * set-based statements for the whole batch. One customer's messages go in successive batches,
 * in order, so the rules that read a customer's earlier sends (one review ask a day) see them.
 */
export async function sendScheduledMessages(
  ids: string[],
  run: SendRun,
  now: Date,
  slot: ProviderCallSlot = (call) => call(),
): Promise<Map<string, SendResult>> {
  const results = new Map<string, SendResult>();
  const claimed = await loadClaimedMessages(ids);
  const held = new Set(claimed.map((scheduled) => scheduled.id));
  for (const id of ids) if (!held.has(id)) results.set(id, "lost-lease");

  const decided = await decide(claimed, run.settings, now);
  const releases: Release[] = [];
  const candidates: SendCandidate[] = [];
  for (const { scheduled, decision } of decided) {
    if (decision.action === "send") {
      candidates.push({ scheduled, variant: decision.variant ?? null });
    } else {
      releases.push(releaseFor(scheduled, decision, now));
      results.set(scheduled.id, RESULT_OF[decision.action]);
    }
  }
  await releaseMessages(releases);

  const { prepared, failed, lost, unexpected } = await prepareThreadMessages(candidates, run, now);
  for (const id of failed) results.set(id, "failed");
  for (const id of lost) results.set(id, "lost-lease");
  for (const id of unexpected) results.set(id, "unknown");

  const attempts: Attempt[] = [];
  await Promise.all(
    prepared.map((send) =>
      slot(async () => {
        try {
          const { scheduled, composed, messageId, variant } = send;
          const outcome = await transmit(
            { ...composed, tracking: { key: "scheduledMessageId", id: scheduled.id } },
            now,
          );
          attempts.push({
            scheduledId: scheduled.id,
            customerId: scheduled.customerId,
            messageId,
            to: composed.to,
            leaseExpiresAt: scheduled.leaseExpiresAt,
            attempts: scheduled.attempts,
            outcome,
            sentReason: variant === "check_in" ? SENT_AS_CHECK_IN : null,
          });
        } catch (error) {
          // Left "sending": the lease expires and the message is settled, never sent twice blindly.
          logError("dispatch", `${send.scheduled.id} failed unexpectedly`, error);
          results.set(send.scheduled.id, "unknown");
        }
      }),
    ),
  );
  for (const [id, result] of await recordAttempts(attempts, now)) results.set(id, result);
  return results;
}

/** Sends one claimed message (the inbox's review link): the same path as a batch of one. */
export async function sendScheduledMessage(id: string, settings: ShopSettings, now = new Date()): Promise<SendResult> {
  const results = await sendScheduledMessages([id], await startSendRun(settings), now);
  return results.get(id) ?? "unknown";
}
