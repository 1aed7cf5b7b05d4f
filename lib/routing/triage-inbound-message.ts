import "server-only";
import { db } from "@/lib/db";
import { classifyText } from "@/lib/classification/classify-text";
import { routeInboundMessage, type RoutedMessage } from "@/lib/routing/route-inbound-message";
import { logError } from "@/lib/log";

/**
 * Triage of a stored inbound message, once: labelled by the classifier (lib/classification only
 * reads text), then routed (route-inbound-message) in the transaction that stores the label. Runs
 * after the webhook's response (next/server `after`) and again from the dispatcher for any message
 * left unclassified by a crash: the message itself is never lost or blocked.
 */
export async function triageInboundMessage(messageId: string, now = new Date()): Promise<string[] | null> {
  // Raw statements on this path: it follows every inbound message, and each ORM statement costs
  // about three times the CPU of a raw one (Prisma 6 compiles every query; docs/PERFORMANCE.md).
  const [message] = await db.$queryRaw<RoutedMessage[]>`
    SELECT m.id, m.channel::text AS channel, m."conversationId", c."customerId", m."fromAddress", m."senderCheck"::text AS "senderCheck",
           COALESCE(m."strippedText", m."textBody") AS "textBody"
    FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
    WHERE m.id = ${messageId} AND m.direction = 'inbound' AND m.sentiment IS NULL`;
  if (!message) return null;
  const classification = await classifyText(message.textBody);
  return db.$transaction(async (tx) => {
    // Whoever stores the label first routes; a concurrent run stops here.
    const stored = await tx.$executeRaw`
      WITH labelled AS (
        UPDATE "Message" SET sentiment = ${classification.sentiment}::"Sentiment", intent = ${classification.intent}::"Intent",
          "frictionHint" = ${classification.frictionHint}::"FrictionHint", "classifiedBy" = ${classification.source}, "classifiedAt" = ${now},
          "classificationConfidence" = ${classification.confidence}
        WHERE id = ${messageId} AND sentiment IS NULL
        RETURNING "conversationId")
      UPDATE "Conversation" c SET sentiment = ${classification.sentiment}::"Sentiment", intent = ${classification.intent}::"Intent", "updatedAt" = ${now}
      FROM labelled WHERE c.id = labelled."conversationId"`;
    if (stored === 0) return null;
    return routeInboundMessage(message, classification, tx, now);
  });
}

/** Messages a crash left unclassified (older than a minute, so `after` had its chance). */
export async function triagePendingMessages(now = new Date(), limit = 50): Promise<number> {
  const pending = await db.message.findMany({
    where: { direction: "inbound", sentiment: null, createdAt: { lt: new Date(now.getTime() - 60_000) } },
    select: { id: true },
    take: limit,
    orderBy: { createdAt: "asc" },
  });
  for (const { id } of pending) {
    try {
      await triageInboundMessage(id);
    } catch (error) {
      logError("classify", `${id} failed`, error);
    }
  }
  return pending.length;
}
