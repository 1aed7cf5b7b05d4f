import "server-only";
import { db } from "@/lib/db";
import { classifyText } from "@/lib/classification/classify-text";
import { routeInboundMessage } from "@/lib/routing/route-inbound-message";
import { logError } from "@/lib/log";

/**
 * Classifies a stored inbound message and routes it, once. Runs after the webhook's response
 * (next/server `after`) and again from the dispatcher for any message left unclassified by a
 * crash: the message itself is never lost or blocked.
 */
export async function classifyInboundMessage(messageId: string, now = new Date()): Promise<string[] | null> {
  const message = await db.message.findUnique({ where: { id: messageId }, include: { conversation: { select: { customerId: true } } } });
  if (!message || message.direction !== "inbound" || message.sentiment) return null;
  const classification = await classifyText(message.strippedText ?? message.textBody);
  return db.$transaction(async (tx) => {
    // Whoever stores the label first routes; a concurrent run stops here.
    const { count } = await tx.message.updateMany({ where: { id: messageId, sentiment: null }, data: { sentiment: classification.sentiment, intent: classification.intent, frictionHint: classification.frictionHint, classifiedBy: classification.source, classifiedAt: now, classificationConfidence: classification.confidence } });
    if (count === 0) return null;
    await tx.conversation.update({ where: { id: message.conversationId }, data: { sentiment: classification.sentiment, intent: classification.intent } });
    return routeInboundMessage(
      { id: message.id, channel: message.channel, conversationId: message.conversationId, customerId: message.conversation.customerId, fromAddress: message.fromAddress, senderCheck: message.senderCheck, textBody: message.strippedText ?? message.textBody },
      classification,
      tx,
      now,
    );
  });
}

/** Messages a crash left unclassified (older than a minute, so `after` had its chance). */
export async function classifyPendingMessages(now = new Date(), limit = 50): Promise<number> {
  const pending = await db.message.findMany({ where: { direction: "inbound", sentiment: null, createdAt: { lt: new Date(now.getTime() - 60_000) } }, select: { id: true }, take: limit, orderBy: { createdAt: "asc" } });
  for (const { id } of pending) {
    try {
      await classifyInboundMessage(id);
    } catch (error) {
      logError("classify", `${id} failed`, error);
    }
  }
  return pending.length;
}
