import "server-only";
import { randomBytes } from "node:crypto";
import type { DbClient } from "@/lib/db";

export function newMailboxHash(): string {
  return randomBytes(9).toString("base64url");
}

/**
 * The customer's thread: their most recent conversation, or a new one. An automatic message
 * starts it closed, so it waits out of the inbox until the customer replies.
 */
export async function findOrCreateCustomerConversation(customerId: string, at: Date, tx: DbClient, subject?: string | null) {
  const latest = await tx.conversation.findFirst({ where: { customerId }, orderBy: { lastMessageAt: "desc" } });
  if (latest) return latest;
  return tx.conversation.create({ data: { customerId, mailboxHash: newMailboxHash(), status: "closed", lastMessageAt: at, subject: subject ?? null } });
}
