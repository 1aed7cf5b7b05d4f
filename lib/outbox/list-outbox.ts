import "server-only";
import { db } from "@/lib/db";
import type { Channel } from "@/lib/generated/prisma/enums";
import { smsSize } from "@/lib/sms/sms-segments";

export type OutboxEntry = {
  id: string;
  channel: Channel;
  createdAt: Date;
  deliveredAt: Date | null;
  from: string;
  to: string;
  replyTo: string | null;
  subject: string | null;
  text: string;
  hasHtml: boolean;
  headers: { name: string; value: string }[];
  sms: { segments: number; encoding: string; units: number } | null;
  /** The thread this message is in, and who it went to, when it belongs to one. */
  conversationId: string | null;
  customerName: string | null;
  customerLocale: "en" | "fr";
  /** What the app sent it as: a flow step, an automatic reply, an agent's reply. */
  origin: { flow: string; step: string } | { authorType: string } | null;
};

/** The newest outbox messages first, with the thread each one belongs to. */
export async function listOutbox(
  options: { channel?: Channel; take?: number } = {},
): Promise<{ entries: OutboxEntry[]; total: number }> {
  const where = options.channel ? { channel: options.channel } : {};
  const [rows, total] = await Promise.all([
    db.outboxMessage.findMany({ where, orderBy: { createdAt: "desc" }, take: options.take ?? 50 }),
    db.outboxMessage.count({ where }),
  ]);
  const messages = await db.message.findMany({
    where: { providerMessageId: { in: rows.map((row) => row.providerMessageId) } },
    select: {
      providerMessageId: true,
      conversationId: true,
      authorType: true,
      scheduledMessage: { select: { flow: true, step: true } },
      conversation: { select: { customer: { select: { firstName: true, lastName: true, locale: true } } } },
    },
  });
  const byProviderId = new Map(messages.map((m) => [m.providerMessageId, m]));
  const entries = rows.map((row): OutboxEntry => {
    const message = byProviderId.get(row.providerMessageId);
    const customer = message?.conversation.customer;
    const scheduled = message?.scheduledMessage;
    return {
      id: row.id,
      channel: row.channel,
      createdAt: row.createdAt,
      deliveredAt: row.deliveredAt,
      from: row.fromAddress,
      to: row.toAddress,
      replyTo: row.replyTo,
      subject: row.subject,
      text: row.textBody,
      hasHtml: Boolean(row.htmlBody),
      headers: (row.headers as { name: string; value: string }[] | null) ?? [],
      sms:
        row.channel === "sms"
          ? (({ segments, encoding, units }) => ({ segments, encoding, units }))(smsSize(row.textBody))
          : null,
      conversationId: message?.conversationId ?? null,
      customerName: customer ? [customer.firstName, customer.lastName].filter(Boolean).join(" ") || null : null,
      customerLocale: customer?.locale === "en" ? "en" : "fr",
      origin: scheduled
        ? { flow: scheduled.flow, step: scheduled.step }
        : message
          ? { authorType: message.authorType }
          : null,
    };
  });
  return { entries, total };
}

/** The HTML of an outbox email, for a preview opened on its own. */
export async function outboxEmailHtml(id: string): Promise<string | null> {
  const row = await db.outboxMessage.findUnique({ where: { id }, select: { channel: true, htmlBody: true } });
  return row?.channel === "email" ? row.htmlBody : null;
}
