import "server-only";
import { db, type DbClient } from "@/lib/db";
import { oneOf, rowsOf } from "@/lib/db/json-sets";
import type { ScheduledStatus } from "@/lib/generated/prisma/enums";
import { markNumberUnreachable, optOutNumber } from "@/lib/consent/sms-consent";
import type { SendOutcome, Suppression } from "@/lib/outbound/providers/send-outcome";

// What the dispatcher writes after deciding or sending, for a whole batch at once: one UPDATE
// ... FROM (the batch's rows) per table and kind of change, instead of a few statements per message.

export const MAX_ATTEMPTS = 10;
const BASE_BACKOFF_MS = 60_000;
const MAX_BACKOFF_MS = 60 * 60_000;

/** 1, 2, 4 ... minutes after each failed attempt, at most an hour (about 5 hours in all); longer if the provider asks. */
export function retryDelayMs(attempts: number, retryAfterMs?: number): number {
  const backoff = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
  return Math.max(backoff, retryAfterMs ?? 0);
}

/** A message leaving "sending" without a send: skipped, cancelled, paused, deferred, or failed before any call. */
export type Release = { id: string; status: ScheduledStatus; statusReason?: string; lastError?: string; pausedAt?: Date; dueAt?: Date; giveBackAttempt?: boolean };

/** Releases messages still held ("sending"); the fields a release leaves out keep their values. Returns the ids released. */
export async function releaseMessages(releases: Release[], tx: DbClient = db): Promise<Set<string>> {
  if (releases.length === 0) return new Set();
  const rows = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "ScheduledMessage" AS s
       SET status = r.status::"ScheduledStatus",
           "statusReason" = COALESCE(r.reason, s."statusReason"),
           "lastError" = COALESCE(r.error, s."lastError"),
           "pausedAt" = COALESCE(r.paused_at, s."pausedAt"),
           "dueAt" = COALESCE(r.due_at, s."dueAt"),
           -- A deferral was no attempt: the attempt its claim counted is given back.
           attempts = s.attempts - r.attempts_back,
           "leaseExpiresAt" = NULL,
           "updatedAt" = ${new Date()}
      FROM ${rowsOf(
        releases.map((r) => ({ id: r.id, status: r.status, reason: r.statusReason, error: r.lastError, paused_at: r.pausedAt, due_at: r.dueAt, attempts_back: r.giveBackAttempt ? 1 : 0 })),
        "r(id text, status text, reason text, error text, paused_at timestamp(3), due_at timestamp(3), attempts_back int)",
      )}
     WHERE s.id = r.id AND s.status = 'sending'
    RETURNING s.id`;
  return new Set(rows.map((row) => row.id));
}

export type ConfirmedSend = { scheduledId: string; messageId: string; providerMessageId: string; statusReason: string | null };

/** Records confirmed sends on the schedule, the thread messages and their conversations. The caller checked it holds them. */
export async function recordSentMessages(sends: ConfirmedSend[], at: Date, tx: DbClient): Promise<void> {
  if (sends.length === 0) return;
  const updatedAt = new Date();
  await tx.$executeRaw`
    UPDATE "ScheduledMessage" AS s
       SET status = 'sent', "sentAt" = ${at}, "leaseExpiresAt" = NULL, "lastError" = NULL, "statusReason" = r.reason, "updatedAt" = ${updatedAt}
      FROM ${rowsOf(
        sends.map((s) => ({ id: s.scheduledId, reason: s.statusReason })),
        "r(id text, reason text)",
      )}
     WHERE s.id = r.id`;
  await tx.$executeRaw`
    UPDATE "Message" AS m
       SET "deliveryStatus" = 'sent', "providerMessageId" = r.provider_id, "sentAt" = ${at}
      FROM ${rowsOf(
        sends.map((s) => ({ id: s.messageId, provider_id: s.providerMessageId })),
        "r(id text, provider_id text)",
      )}
     WHERE m.id = r.id`;
  // Locked in id order first: two batches touching the same conversations never wait on each other in a cycle.
  await tx.$executeRaw`
    UPDATE "Conversation" SET "lastMessageAt" = ${at}, "updatedAt" = ${updatedAt}
     WHERE id IN (SELECT c.id FROM "Conversation" c JOIN "Message" m ON m."conversationId" = c.id
                   WHERE m.id IN ${oneOf(sends.map((s) => s.messageId))} ORDER BY c.id FOR UPDATE OF c)`;
}

/** After an attempt that did not go through: retry later, failed for good, or unknown (settled before any resend). */
type AttemptEnd = { id: string; status: "scheduled" | "failed" | "unknown"; lastError: string; dueAt?: Date };

async function recordAttemptEnds(ends: AttemptEnd[], tx: DbClient): Promise<void> {
  if (ends.length === 0) return;
  await tx.$executeRaw`
    UPDATE "ScheduledMessage" AS s
       SET status = r.status::"ScheduledStatus", "lastError" = r.error, "dueAt" = COALESCE(r.due_at, s."dueAt"), "leaseExpiresAt" = NULL, "updatedAt" = ${new Date()}
      FROM ${rowsOf(
        ends.map((e) => ({ id: e.id, status: e.status, error: e.lastError, due_at: e.dueAt })),
        "r(id text, status text, error text, due_at timestamp(3))",
      )}
     WHERE s.id = r.id`;
}

/** A thread message whose send failed for good; `code` undefined leaves the recorded code as it is. */
type FailedDelivery = { messageId: string; error: string; code?: string | null };

async function recordFailedDeliveries(failures: FailedDelivery[], tx: DbClient): Promise<void> {
  if (failures.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Message" AS m
       SET "deliveryStatus" = 'failed', "deliveryError" = r.error, "deliveryErrorCode" = CASE WHEN r.sets_code THEN r.code ELSE m."deliveryErrorCode" END
      FROM ${rowsOf(
        failures.map((f) => ({ id: f.messageId, error: f.error, code: f.code ?? null, sets_code: f.code !== undefined })),
        "r(id text, error text, code text, sets_code boolean)",
      )}
     WHERE m.id = r.id`;
}

async function applySuppression(customerId: string, to: string, suppression: Suppression, reason: string, now: Date, tx: DbClient) {
  if (suppression === "email_inactive") {
    await tx.customer.update({ where: { id: customerId }, data: { emailSuppressedAt: now, emailSuppressedReason: reason } });
  } else if (suppression === "sms_unreachable") {
    await markNumberUnreachable(to, now, tx);
  } else {
    await optOutNumber(to, "keyword", "twilio_21610", null, now, tx);
  }
}

/** One provider call of a batch: what was sent, under which lease, and what the provider said. */
export type Attempt = {
  scheduledId: string;
  customerId: string;
  messageId: string;
  to: string;
  /** The lease the message was claimed with: only its holder records. */
  leaseExpiresAt: Date | null;
  outcome: SendOutcome;
  /** statusReason recorded with a confirmed send (a day-5 email sent as a check-in). */
  sentReason: string | null;
};

export type AttemptResult = "sent" | "retry" | "failed" | "unknown" | "lost-lease";

/**
 * Records what the provider said for each call of a batch, in one transaction. A message is
 * recorded only by the dispatcher still holding it: "sending" under the lease it was claimed
 * with, or "unknown" (its lease expired meanwhile; what the provider said is then the answer).
 */
export async function recordAttempts(attempts: Attempt[], now: Date): Promise<Map<string, AttemptResult>> {
  if (attempts.length === 0) return new Map();
  return db.$transaction(async (tx) => {
    // Locked in id order: the outcome and a settling or reclaiming run never interleave.
    const current = await tx.$queryRaw<{ id: string; status: ScheduledStatus; attempts: number; leaseExpiresAt: Date | null }[]>`
      SELECT id, status::text AS status, attempts, "leaseExpiresAt" FROM "ScheduledMessage"
       WHERE id IN ${oneOf(attempts.map((a) => a.scheduledId))} ORDER BY id FOR UPDATE`;
    const byId = new Map(current.map((row) => [row.id, row]));
    const results = new Map<string, AttemptResult>();
    const sent: ConfirmedSend[] = [];
    const ends: AttemptEnd[] = [];
    const failedDeliveries: FailedDelivery[] = [];
    const suppressions: Attempt[] = [];
    for (const attempt of attempts) {
      const row = byId.get(attempt.scheduledId);
      const holds = row && (row.status === "unknown" || (row.status === "sending" && row.leaseExpiresAt?.getTime() === attempt.leaseExpiresAt?.getTime()));
      if (!row || !holds) {
        results.set(attempt.scheduledId, "lost-lease");
        continue;
      }
      const { outcome } = attempt;
      switch (outcome.kind) {
        case "sent":
          sent.push({ scheduledId: attempt.scheduledId, messageId: attempt.messageId, providerMessageId: outcome.providerMessageId, statusReason: attempt.sentReason });
          results.set(attempt.scheduledId, "sent");
          break;
        case "transient":
          if (row.attempts >= MAX_ATTEMPTS) {
            ends.push({ id: attempt.scheduledId, status: "failed", lastError: outcome.error });
            failedDeliveries.push({ messageId: attempt.messageId, error: `Gave up after ${row.attempts} attempts: ${outcome.error}` });
            results.set(attempt.scheduledId, "failed");
          } else {
            ends.push({ id: attempt.scheduledId, status: "scheduled", lastError: outcome.error, dueAt: new Date(now.getTime() + retryDelayMs(row.attempts, outcome.retryAfterMs)) });
            results.set(attempt.scheduledId, "retry");
          }
          break;
        case "permanent":
          ends.push({ id: attempt.scheduledId, status: "failed", lastError: outcome.error });
          failedDeliveries.push({ messageId: attempt.messageId, error: outcome.error, code: outcome.code ?? null });
          if (outcome.suppress) suppressions.push(attempt);
          results.set(attempt.scheduledId, "failed");
          break;
        case "unknown":
          ends.push({ id: attempt.scheduledId, status: "unknown", lastError: outcome.error });
          results.set(attempt.scheduledId, "unknown");
          break;
      }
    }
    await recordSentMessages(sent, now, tx);
    await recordAttemptEnds(ends, tx);
    await recordFailedDeliveries(failedDeliveries, tx);
    // Rare (a bounce, a STOP): one at a time, with the consent rules' own functions.
    for (const attempt of suppressions) {
      const outcome = attempt.outcome as Extract<SendOutcome, { kind: "permanent" }>;
      await applySuppression(attempt.customerId, attempt.to, outcome.suppress!, outcome.error, now, tx);
    }
    return results;
  });
}
