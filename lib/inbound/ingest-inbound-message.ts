import "server-only";
import type { DbClient } from "@/lib/db";
import type { InboundMessage } from "@/lib/inbound/inbound-message";
import { resolveConversation } from "@/lib/threading/resolve-conversation";

export type IngestedMessage = { messageId: string; conversationId: string; customerId: string };

/** A customer by the number they wrote from: their main number first, else one on their record. One query. */
async function customerByNumber(phone: string, tx: DbClient): Promise<{ id: string } | null> {
  const [found] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM (
      SELECT c.id, 0 AS rank FROM "Customer" c WHERE c.phone = ${phone}
      UNION ALL
      SELECT p."customerId", 1 FROM "PhoneNumber" p WHERE p.number = ${phone}
    ) found ORDER BY rank LIMIT 1`;
  return found ?? null;
}

/** The sender by address; a number that is not anyone's main one may still be on a customer's record. */
async function findOrCreateSender(message: InboundMessage, tx: DbClient): Promise<{ id: string }> {
  const where = message.fromEmail ? { email: message.fromEmail } : { phone: message.fromPhone! };
  const existing = message.fromEmail ? await tx.customer.findUnique({ where: { email: message.fromEmail }, select: { id: true } }) : await customerByNumber(message.fromPhone!, tx);
  if (existing) return existing;
  const [firstName, ...rest] = (message.fromName ?? "").trim().split(/\s+/).filter(Boolean);
  return tx.customer.create({ data: { ...where, firstName: firstName ?? null, lastName: rest.join(" ") || null }, select: { id: true } });
}

/**
 * Stores a customer's message in their thread: finds or creates the customer, picks the
 * conversation (threading), and reopens it if it was closed or snoozed, with the customer
 * now waiting. Runs inside the webhook's once-only transaction.
 */
export async function ingestInboundMessage(message: InboundMessage, tx: DbClient): Promise<IngestedMessage> {
  const customer = await findOrCreateSender(message, tx);
  const conversation = await resolveConversation(customer.id, message, tx);
  const stored = await tx.message.create({
    data: {
      conversationId: conversation.id,
      direction: "inbound",
      channel: message.channel,
      authorType: "customer",
      fromAddress: message.fromEmail ?? message.fromPhone,
      toAddress: message.to,
      subject: message.subject,
      textBody: message.textBody,
      strippedText: message.strippedText,
      htmlBody: message.htmlBody,
      emailMessageId: message.emailMessageId,
      inReplyTo: message.inReplyTo,
      references: message.references.length ? message.references.join(" ") : null,
      providerMessageId: message.providerMessageId,
      senderCheck: message.senderCheck,
      deliveryStatus: "received",
      createdAt: message.receivedAt,
      attachments: { create: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size, content: a.content ? new Uint8Array(a.content) : null, droppedReason: a.droppedReason })) },
    },
  });
  const reopen = conversation.status === "closed" || conversation.status === "snoozed";
  await tx.conversation.update({
    where: { id: conversation.id },
    data: {
      lastMessageAt: message.receivedAt > conversation.lastMessageAt ? message.receivedAt : conversation.lastMessageAt,
      waitingSince: conversation.waitingSince ?? message.receivedAt,
      ...(reopen ? { status: "open", resolution: null, closedAt: null, snoozedUntil: null } : {}),
      ...(!conversation.subject && message.subject ? { subject: message.subject } : {}),
    },
  });
  return { messageId: stored.id, conversationId: conversation.id, customerId: customer.id };
}
