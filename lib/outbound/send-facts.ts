import "server-only";
import type { DbClient } from "@/lib/db";
import { rowsOf } from "@/lib/db/json-sets";
import type { Channel, Flow } from "@/lib/generated/prisma/enums";
import { META_CHANNELS } from "@/lib/channels/channels";
import { AUTO_REVIEW_LINK_STEP, REVIEW_STEP_FILTER } from "@/lib/outbound/flow-steps";
import { lastCustomerMessagesOn } from "@/lib/customers/last-customer-messages";
import { customersWithOpenProblem } from "@/lib/outbound/review-pause";
import { factsNeeded } from "@/lib/outbound/send-eligibility";

// The facts the send rules read about the customers of a dispatch batch: one query per kind of
// fact for the whole batch, asked only when a message of the batch has a rule that reads it
// (factsNeeded). Each answers exactly what the rule asked of one message before.

/** A day-5 email sent as a plain check-in because the SMS was the review request: not a review ask. */
export const SENT_AS_CHECK_IN = "sent as a check-in: the SMS is this order's review request";

export type SendFacts = {
  hasOpenProblem: boolean;
  reviewRecorded: boolean;
  customerReplied: boolean;
  lastReviewAskAt: Date | null;
  smsAsksForThisOrder: boolean;
  thankedInChat: boolean;
  lastChatMessageAt: Date | null;
};

export type FactSubject = {
  id: string;
  flow: Flow;
  step: string;
  channel: Channel;
  customerId: string;
  orderId: string | null;
  createdAt: Date;
  order: { placedAt: Date; deliveredAt: Date | null } | null;
};

/** The messages with a start time each, as rows the SQL joins against. */
function subjectsSince(messages: FactSubject[], since: (message: FactSubject) => Date) {
  return rowsOf(
    messages.map((m) => ({ id: m.id, customer_id: m.customerId, since: since(m) })),
    "m(id text, customer_id text, since timestamp(3))",
  );
}

/** A review, or a click on a review link (a likely review), since the order was placed. */
async function withReviewRecorded(messages: FactSubject[], tx: DbClient): Promise<Set<string>> {
  if (messages.length === 0) return new Set();
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT m.id FROM ${subjectsSince(messages, (m) => m.order?.placedAt ?? m.createdAt)}
     WHERE EXISTS (SELECT 1 FROM "Review" r WHERE r."customerId" = m.customer_id AND r."createdAt" >= m.since)
        OR EXISTS (SELECT 1 FROM "LinkClick" c JOIN "TrackedLink" l ON l.id = c."linkId"
                    WHERE l."customerId" = m.customer_id AND l.kind = 'review' AND l."createdAt" >= m.since)`;
  return new Set(rows.map((row) => row.id));
}

/** A message from the customer since the order was delivered. */
async function withCustomerReply(messages: FactSubject[], tx: DbClient): Promise<Set<string>> {
  if (messages.length === 0) return new Set();
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT m.id FROM ${subjectsSince(messages, (m) => m.order?.deliveredAt ?? m.createdAt)}
     WHERE EXISTS (SELECT 1 FROM "Message" x JOIN "Conversation" c ON c.id = x."conversationId"
                    WHERE c."customerId" = m.customer_id AND x.direction = 'inbound' AND x."createdAt" >= m.since)`;
  return new Set(rows.map((row) => row.id));
}

/** The last automated review ask sent to each message's customer (a day-5 email sent as a plain check-in is not one). */
async function lastReviewAsks(messages: FactSubject[], tx: DbClient): Promise<Map<string, Date | null>> {
  if (messages.length === 0) return new Map();
  const asks = await tx.scheduledMessage.findMany({
    // statusReason is null for most sends: a bare NOT would drop them (SQL NULL <> x is not true).
    where: {
      customerId: { in: messages.map((m) => m.customerId) },
      status: "sent",
      AND: [REVIEW_STEP_FILTER, { OR: [{ statusReason: null }, { statusReason: { not: SENT_AS_CHECK_IN } }] }],
    },
    orderBy: { sentAt: "desc" },
    select: { id: true, customerId: true, sentAt: true },
  });
  // The first in that order for the customer, as one findFirst per message would find it.
  return new Map(
    messages.map((m) => [m.id, asks.find((ask) => ask.customerId === m.customerId && ask.id !== m.id)?.sentAt ?? null]),
  );
}

/** Orders whose review link went with a thank-you on Messenger or Instagram. */
async function ordersThankedInChat(messages: FactSubject[], tx: DbClient): Promise<Set<string>> {
  const orderIds = [...new Set(messages.flatMap((m) => (m.orderId ? [m.orderId] : [])))];
  if (orderIds.length === 0) return new Set();
  const thanks = await tx.scheduledMessage.findMany({
    where: {
      orderId: { in: orderIds },
      flow: "auto_reply",
      step: AUTO_REVIEW_LINK_STEP,
      channel: { in: [...META_CHANNELS] },
      status: "sent",
    },
    select: { orderId: true },
  });
  return new Set(thanks.map((thank) => thank.orderId!));
}

/** Orders whose SMS review request is the ask (waiting, on its way, or sent). */
async function ordersWithSmsAsk(messages: FactSubject[], tx: DbClient): Promise<Set<string>> {
  const orderIds = [...new Set(messages.flatMap((m) => (m.orderId ? [m.orderId] : [])))];
  if (orderIds.length === 0) return new Set();
  const asks = await tx.scheduledMessage.findMany({
    where: {
      orderId: { in: orderIds },
      flow: "sms_review_request",
      status: { in: ["scheduled", "paused", "sending", "unknown", "sent"] },
    },
    select: { orderId: true },
  });
  return new Set(asks.map((ask) => ask.orderId!));
}

/** The facts each message's rules read, by message id; the facts a message's rules do not read are false. */
export async function loadSendFacts(messages: FactSubject[], tx: DbClient): Promise<Map<string, SendFacts>> {
  const needed = new Map(messages.map((m) => [m.id, factsNeeded(m)]));
  const needing = (fact: keyof ReturnType<typeof factsNeeded>) => messages.filter((m) => needed.get(m.id)![fact]);
  // One after the other: a batch holds one connection at a time, leaving the pool to the others.
  const problemCustomers = needing("openProblem").length
    ? await customersWithOpenProblem([...new Set(needing("openProblem").map((m) => m.customerId))], tx)
    : new Set<string>();
  const reviewed = await withReviewRecorded(needing("review"), tx);
  const replied = await withCustomerReply(needing("reply"), tx);
  const lastAsks = await lastReviewAsks(needing("lastAsk"), tx);
  const smsAsks = await ordersWithSmsAsk(needing("smsAsk"), tx);
  const thankedInChat = await ordersThankedInChat(needing("chatThanks"), tx);
  // Messenger, Instagram: the reply window counts from the customer's last message there.
  const lastChats = await lastCustomerMessagesOn(
    needing("chatWindow").map((m) => ({ key: m.id, customerId: m.customerId, channel: m.channel })),
    tx,
  );
  return new Map(
    messages.map((m) => {
      const need = needed.get(m.id)!;
      return [
        m.id,
        {
          hasOpenProblem: need.openProblem && problemCustomers.has(m.customerId),
          reviewRecorded: need.review && reviewed.has(m.id),
          customerReplied: need.reply && replied.has(m.id),
          lastReviewAskAt: need.lastAsk ? (lastAsks.get(m.id) ?? null) : null,
          smsAsksForThisOrder: need.smsAsk && m.orderId !== null && smsAsks.has(m.orderId),
          thankedInChat: need.chatThanks && m.orderId !== null && thankedInChat.has(m.orderId),
          lastChatMessageAt: lastChats.get(m.id) ?? null,
        },
      ];
    }),
  );
}
