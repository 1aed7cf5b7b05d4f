import "server-only";
import { isRetryableTransactionError, isUniqueViolation } from "@/lib/db/database-errors";
import { db, type DbClient } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { InboundMessage } from "@/lib/inbound/inbound-message";
import { newMailboxHash } from "@/lib/threading/mailbox-hash";
import type { WebhookKey } from "@/lib/webhooks/process-webhook-once";

export type IngestOutcome =
  { duplicate: true } | { duplicate: false; messageId: string; conversationId: string; customerId: string };

const ATTEMPTS = 3;

/**
 * Stores a customer's message in their thread, once per delivery, in one statement (the SQL
 * function `ingest_inbound_message`, prisma/migrations/20261130080000_ingest_inbound_message):
 * the delivery recorded, the sender found or created, the conversation chosen (threading) and
 * reopened with the customer now waiting. A redelivery, or the same mail under another delivery
 * id (same Message-ID), is a duplicate and changes nothing. Pass a transaction to apply more in
 * the same unit (an SMS keyword); otherwise the statement is its own transaction.
 */
export async function ingestInboundMessage(
  key: WebhookKey,
  message: InboundMessage,
  tx: DbClient = db,
): Promise<IngestOutcome> {
  const [firstName, ...rest] = (message.fromName ?? "").trim().split(/\s+/).filter(Boolean);
  // A lone UTF-16 surrogate (broken mail encodings) is valid in a JS string but not in JSON for
  // PostgreSQL: replaced by U+FFFD, as the old per-column path stored it.
  const payload = JSON.stringify(
    {
      ...key,
      ...message,
      firstName: firstName ?? null,
      lastName: rest.join(" ") || null,
      newMailboxHash: newMailboxHash(),
      receivedAt: message.receivedAt.toISOString(),
      attachments: message.attachments.map((a) => ({ ...a, content: a.content ? a.content.toString("base64") : null })),
    },
    (_key, value: unknown) =>
      typeof value === "string" ? (value as string & { toWellFormed(): string }).toWellFormed() : value,
  );
  for (let attempt = 1; ; attempt++) {
    try {
      const [row] = await tx.$queryRaw<
        { outcome: IngestOutcome }[]
      >`SELECT ingest_inbound_message(${payload}::jsonb) AS outcome`;
      return row!.outcome;
    } catch (error) {
      // Inside a caller's transaction the statement's failure aborts it: the caller retries.
      if (tx !== db) throw error;
      // A deadlock with other work on the same customer (the triage of their previous message):
      // nothing was written, so the statement runs again.
      if (isRetryableTransactionError(error) && attempt < ATTEMPTS) continue;
      if (!isUniqueViolation(error)) throw error;
      // A concurrent delivery of the same mail stored it first: the next attempt sees it and
      // answers duplicate. Still colliding: the delivery names something another record owns
      // (an id reused or mangled). A 4xx with the reason; a 500 would be retried for hours.
      if (attempt >= ATTEMPTS)
        throw new AppError(
          "conflict",
          "This delivery conflicts with stored data (a message id already stored); nothing was changed.",
        );
    }
  }
}
