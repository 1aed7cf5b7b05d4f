import "server-only";
import { randomUUID } from "node:crypto";
import { db, type DbClient } from "@/lib/db";
import { oneOf, rowsOf } from "@/lib/db/json-sets";
import { env } from "@/lib/env";
import type { ShopSettings } from "@/lib/generated/prisma/client";
import { newLinkToken } from "@/lib/links/create-tracked-link";
import { logError } from "@/lib/log";
import {
  chooseText,
  CompositionError,
  renderMessage,
  trackedLinksNeeded,
  trackedLinkUrl,
  type ChosenText,
  type ComposeContext,
  type ComposedMessage,
  type TrackedLinkNeed,
  type TrackedLinkUrls,
} from "@/lib/outbound/compose-message";
import type { ClaimedMessage } from "@/lib/outbound/load-claimed-messages";
import { releaseMessages, type Release } from "@/lib/outbound/record-send-outcomes";
import type { ApprovedVersions } from "@/lib/templates/get-approved-version";
import { newMailboxHash } from "@/lib/threading/mailbox-hash";
import { mailsAnswered } from "@/lib/threading/mail-answered";
import { chainAfter } from "@/lib/threading/reply-headers";

// Before any provider call, each message of a batch is written, once, in its customer's thread:
// the approved text rendered, the conversation found or started, the tracked links created. What
// the texts read is loaded for the whole batch first; the writes are then one statement.

/** What every message of a dispatch run is composed with: read once per run. */
export type SendRun = { settings: ShopSettings; approvedVersions: ApprovedVersions };

export type SendCandidate = { scheduled: ClaimedMessage; variant: "check_in" | null };

/** A message ready for its provider call: rendered, and recorded in the thread as message `messageId`. */
export type PreparedSend = SendCandidate & { composed: ComposedMessage; messageId: string };

export type Preparation = {
  prepared: PreparedSend[];
  /** Could not be composed (no approved text, a text that cannot be rendered): failed, with the reason. */
  failed: string[];
  /** No longer held by this dispatcher: left alone. */
  lost: string[];
  /** Something unexpected: left "sending", so the lease expires and the message is settled. */
  unexpected: string[];
};

type Thread = {
  conversationId: string;
  mailboxHash: string;
  replyingTo: string[];
  replySubject: string | null;
  startedFor?: string;
};

/**
 * Each message's thread: the conversation it answers, else the customer's most recent one, else a
 * new one (started closed, so it waits out of the inbox until the customer replies). An answer
 * replies to the customer's last mail in it, so it threads in their client.
 */
async function threadsFor(messages: ClaimedMessage[], tx: DbClient): Promise<Map<string, Thread>> {
  const answering = messages.filter((m) => m.conversationId);
  const conversationIds = [...new Set(answering.map((m) => m.conversationId!))];
  const customerIds = [...new Set(messages.filter((m) => !m.conversationId).map((m) => m.customerId))];
  const named = conversationIds.length
    ? await tx.conversation.findMany({
        where: { id: { in: conversationIds } },
        select: { id: true, mailboxHash: true },
      })
    : [];
  const latest = customerIds.length
    ? await tx.$queryRaw<{ id: string; customerId: string; mailboxHash: string }[]>`
        SELECT DISTINCT ON ("customerId") id, "customerId", "mailboxHash" FROM "Conversation"
         WHERE "customerId" IN ${oneOf(customerIds)} ORDER BY "customerId", "lastMessageAt" DESC`
    : [];
  const answeredByConversation = await mailsAnswered(conversationIds, tx);
  const namedById = new Map(named.map((c) => [c.id, c]));
  const latestByCustomer = new Map(latest.map((c) => [c.customerId, c]));
  const threads = new Map<string, Thread>();
  for (const message of messages) {
    if (message.conversationId) {
      const conversation = namedById.get(message.conversationId);
      if (!conversation) continue; // deleted meanwhile: unexpected, left to the lease
      const last = answeredByConversation.get(conversation.id);
      threads.set(message.id, {
        conversationId: conversation.id,
        mailboxHash: conversation.mailboxHash,
        replyingTo: last ? chainAfter(last) : [],
        replySubject: last?.subject ?? null,
      });
    } else {
      const conversation = latestByCustomer.get(message.customerId);
      // Ids are chosen here so the batch knows its new rows without reading them back.
      threads.set(
        message.id,
        conversation
          ? {
              conversationId: conversation.id,
              mailboxHash: conversation.mailboxHash,
              replyingTo: [],
              replySubject: null,
            }
          : {
              conversationId: randomUUID(),
              mailboxHash: newMailboxHash(),
              replyingTo: [],
              replySubject: null,
              startedFor: message.customerId,
            },
      );
    }
  }
  return threads;
}

function composeContext({ scheduled, variant }: SendCandidate, thread: Thread, settings: ShopSettings): ComposeContext {
  return {
    scheduled,
    variant,
    customer: scheduled.customer,
    settings,
    productName: scheduled.order?.productName ?? scheduled.checkout?.productName ?? null,
    orderNumber: scheduled.order?.number ?? null,
    checkoutUrl: scheduled.checkout?.checkoutUrl ?? null,
    mailboxHash: thread.mailboxHash,
    replyingTo: thread.replyingTo,
    replySubject: thread.replySubject,
    chatIdentity: scheduled.chatIdentity,
  };
}

/** The tokens of the tracked links earlier attempts created, by message and kind. */
async function existingLinkTokens(needs: Map<string, TrackedLinkNeed[]>, tx: DbClient): Promise<Map<string, string>> {
  const ids = [...needs].filter(([, list]) => list.length > 0).map(([id]) => id);
  if (ids.length === 0) return new Map();
  const links = await tx.trackedLink.findMany({
    where: { scheduledMessageId: { in: ids }, kind: { in: ["review", "checkout"] } },
    select: { scheduledMessageId: true, kind: true, token: true },
  });
  const tokens = new Map<string, string>();
  for (const link of links)
    if (!tokens.has(`${link.scheduledMessageId}/${link.kind}`))
      tokens.set(`${link.scheduledMessageId}/${link.kind}`, link.token);
  return tokens;
}

type Composed = {
  candidate: SendCandidate;
  thread: Thread;
  chosen: ChosenText;
  composed: ComposedMessage;
  /** Its row in the thread: a retry reuses the one its first attempt wrote. */
  messageId: string;
  firstAttempt: boolean;
  newLinks: { kind: TrackedLinkNeed["kind"]; targetUrl: string; token: string }[];
};

/** The texts of the batch (they say which tracked links are needed), then the links, then the rendering. */
async function composeAll(
  candidates: SendCandidate[],
  threads: Map<string, Thread>,
  run: SendRun,
  fail: (id: string, error: unknown) => void,
): Promise<Composed[]> {
  const chosenTexts: {
    candidate: SendCandidate;
    thread: Thread;
    context: ComposeContext;
    chosen: ChosenText;
    needs: TrackedLinkNeed[];
  }[] = [];
  for (const candidate of candidates) {
    const thread = threads.get(candidate.scheduled.id);
    if (!thread) {
      fail(candidate.scheduled.id, new Error("its conversation no longer exists"));
      continue;
    }
    try {
      const context = composeContext(candidate, thread, run.settings);
      const chosen = chooseText(context, run.approvedVersions);
      chosenTexts.push({ candidate, thread, context, chosen, needs: trackedLinksNeeded(context, chosen) });
    } catch (error) {
      fail(candidate.scheduled.id, error);
    }
  }
  const tokens = await existingLinkTokens(new Map(chosenTexts.map((c) => [c.candidate.scheduled.id, c.needs])), db);
  const composed: Composed[] = [];
  for (const { candidate, thread, context, chosen, needs } of chosenTexts) {
    try {
      const urls: TrackedLinkUrls = {};
      const newLinks: Composed["newLinks"] = [];
      for (const need of needs) {
        let token = tokens.get(`${candidate.scheduled.id}/${need.kind}`);
        if (!token) {
          token = newLinkToken();
          newLinks.push({ kind: need.kind, targetUrl: need.targetUrl(), token });
        }
        urls[need.kind] = trackedLinkUrl(token);
      }
      const { sentMessageId } = candidate.scheduled;
      // Ids are chosen here so the batch knows its new rows without reading them back.
      composed.push({
        candidate,
        thread,
        chosen,
        composed: renderMessage(context, chosen, urls),
        messageId: sentMessageId ?? randomUUID(),
        firstAttempt: !sentMessageId,
        newLinks,
      });
    } catch (error) {
      fail(candidate.scheduled.id, error);
    }
  }
  return composed;
}

/**
 * Renders each message and records it in its customer's thread (conversation, thread message,
 * tracked links). A message that cannot be composed is failed with the reason; one no longer
 * held by this dispatcher is left alone; the others are unaffected.
 */
export async function prepareThreadMessages(
  candidates: SendCandidate[],
  run: SendRun,
  now: Date,
): Promise<Preparation> {
  const preparation: Preparation = { prepared: [], failed: [], lost: [], unexpected: [] };
  if (candidates.length === 0) return preparation;
  const failures: Release[] = [];
  const fail = (id: string, error: unknown) => {
    if (error instanceof CompositionError) {
      failures.push({ id, status: "failed", lastError: error.message });
      preparation.failed.push(id);
    } else {
      logError("dispatch", `${id} could not be composed`, error);
      preparation.unexpected.push(id);
    }
  };
  const threads = await threadsFor(
    candidates.map((c) => c.scheduled),
    db,
  );
  const composed = await composeAll(candidates, threads, run, fail);
  const held = await writeThreadMessages(composed, now, db);
  await releaseMessages(failures);
  for (const c of composed) {
    if (held.has(c.candidate.scheduled.id))
      preparation.prepared.push({ ...c.candidate, composed: c.composed, messageId: c.messageId });
    else preparation.lost.push(c.candidate.scheduled.id);
  }
  return preparation;
}

/**
 * Conversations started, thread messages (first attempt only: a retry reuses its row) and tracked
 * links, in one statement, for the messages this dispatcher still holds under the lease it loaded
 * them with (locked in id order until the statement ends). Returns the ids written.
 */
async function writeThreadMessages(composed: Composed[], now: Date, tx: DbClient): Promise<Set<string>> {
  if (composed.length === 0) return new Set();
  const { TWILIO_FROM_NUMBER } = env();
  const written = new Date();
  // In conversation order: the insert trigger that notes a thread's channels then locks conversations in one order in every batch.
  const rows = [...composed]
    .sort((a, b) => (a.thread.conversationId < b.thread.conversationId ? -1 : 1))
    .map(({ candidate: { scheduled }, thread, chosen, composed: message, messageId, firstAttempt }) => ({
      id: scheduled.id,
      lease: scheduled.leaseExpiresAt,
      first_attempt: firstAttempt,
      message_id: messageId,
      version_id: chosen.version.id,
      conversation_id: thread.conversationId,
      starts_conversation: thread.startedFor !== undefined,
      customer_id: scheduled.customerId,
      mailbox_hash: thread.mailboxHash,
      channel: message.channel,
      from_address: message.channel === "sms" ? (TWILIO_FROM_NUMBER ?? null) : message.from,
      to_address: message.to,
      subject: message.channel === "email" ? message.subject : null,
      text_body: message.text,
      html_body: message.channel === "email" ? message.html : null,
      email_message_id: message.channel === "email" ? message.messageIdHeader : null,
      sms_segments: message.channel === "sms" ? message.segments : null,
    }));
  const links = composed.flatMap(({ candidate, newLinks, firstAttempt, messageId }) =>
    // Attached to the thread message written with them (a link a retry adds stays unattached, as it always has).
    newLinks.map((link) => ({
      id: randomUUID(),
      token: link.token,
      kind: link.kind,
      target_url: link.targetUrl,
      customer_id: candidate.scheduled.customerId,
      scheduled_id: candidate.scheduled.id,
      message_id: firstAttempt ? messageId : null,
    })),
  );
  const held = await tx.$queryRaw<{ id: string }[]>`
    WITH batch AS (
      SELECT * FROM ${rowsOf(
        rows,
        `b(id text, lease timestamp(3), first_attempt boolean, message_id text, version_id text, conversation_id text, starts_conversation boolean,
           customer_id text, mailbox_hash text, channel text, from_address text, to_address text, subject text, text_body text, html_body text,
           email_message_id text, sms_segments int)`,
      )}),
    held AS (
      SELECT s.id FROM "ScheduledMessage" s JOIN batch b ON b.id = s.id
       WHERE s.status = 'sending' AND s."leaseExpiresAt" IS NOT DISTINCT FROM b.lease
       ORDER BY s.id FOR UPDATE OF s),
    started AS (
      INSERT INTO "Conversation" (id, "customerId", "mailboxHash", status, "lastMessageAt", "createdAt", "updatedAt")
      SELECT b.conversation_id, b.customer_id, b.mailbox_hash, 'closed', ${now}::timestamp(3), ${written}::timestamp(3), ${written}::timestamp(3)
        FROM batch b JOIN held USING (id) WHERE b.starts_conversation),
    thread_messages AS (
      INSERT INTO "Message" (id, "conversationId", direction, channel, "authorType", "fromAddress", "toAddress", subject, "textBody", "htmlBody",
                             "emailMessageId", "smsSegments", "deliveryStatus", "createdAt")
      SELECT b.message_id, b.conversation_id, 'outbound', b.channel::"Channel", 'automation', b.from_address, b.to_address, b.subject, b.text_body, b.html_body,
             b.email_message_id, b.sms_segments, 'queued', ${now}::timestamp(3)
        FROM batch b JOIN held USING (id) WHERE b.first_attempt ORDER BY b.conversation_id),
    links AS (
      INSERT INTO "TrackedLink" (id, token, kind, "targetUrl", "customerId", "scheduledMessageId", "messageId", "createdAt")
      SELECT l.id, l.token, l.kind::"LinkKind", l.target_url, l.customer_id, l.scheduled_id, l.message_id, ${written}::timestamp(3)
        FROM ${rowsOf(links, "l(id text, token text, kind text, target_url text, customer_id text, scheduled_id text, message_id text)")}
        JOIN held ON held.id = l.scheduled_id),
    noted AS (
      UPDATE "ScheduledMessage" AS s SET "sentMessageId" = b.message_id, "templateVersionId" = b.version_id, "updatedAt" = ${written}
        FROM batch b JOIN held USING (id) WHERE s.id = b.id AND b.first_attempt)
    SELECT id FROM held`;
  return new Set(held.map((row) => row.id));
}
