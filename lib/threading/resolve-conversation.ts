import "server-only";
import type { DbClient } from "@/lib/db";
import type { InboundMessage } from "@/lib/inbound/inbound-message";
import { findOrCreateCustomerConversation, newMailboxHash } from "@/lib/threading/customer-conversation";

/**
 * Which conversation an inbound message belongs to, always among the sender's own, so two
 * customers replying to similar mails never share a thread. For email, in this order: the
 * MailboxHash we put in Reply-To, then In-Reply-To, then References (against Message-IDs we sent
 * or received), then the customer's open conversation, else a new one. SMS: one thread per customer.
 */
export async function resolveConversation(customerId: string, message: InboundMessage, tx: DbClient) {
  if (message.channel === "sms") return findOrCreateCustomerConversation(customerId, message.receivedAt, tx);

  if (message.mailboxHash) {
    const byHash = await tx.conversation.findFirst({ where: { mailboxHash: message.mailboxHash, customerId } });
    if (byHash) return byHash;
  }
  for (const ids of [message.inReplyTo ? [message.inReplyTo] : [], [...message.references].reverse()]) {
    if (ids.length === 0) continue;
    const referenced = await tx.message.findMany({ where: { emailMessageId: { in: ids }, conversation: { customerId } }, select: { emailMessageId: true, conversationId: true } });
    // The most recent reference that we know wins (References lists oldest first).
    const match = ids.map((id) => referenced.find((r) => r.emailMessageId === id)).find(Boolean);
    if (match) return tx.conversation.findUniqueOrThrow({ where: { id: match.conversationId } });
  }
  const open = await tx.conversation.findFirst({ where: { customerId, status: { in: ["open", "pending", "snoozed"] } }, orderBy: { lastMessageAt: "desc" } });
  if (open) return open;
  return tx.conversation.create({ data: { customerId, mailboxHash: newMailboxHash(), status: "open", lastMessageAt: message.receivedAt, subject: message.subject } });
}
