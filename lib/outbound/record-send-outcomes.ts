import "server-only";
import { db, type DbClient } from "@/lib/db";
import { rowsOf } from "@/lib/db/json-sets";
import type { ScheduledStatus } from "@/lib/generated/prisma/enums";
import { markNumberUnreachable, optOutNumber } from "@/lib/consent/sms-consent";
import type { SendOutcome, Suppression } from "@/lib/delivery/providers/send-outcome";
import { MAX_ATTEMPTS, retryDelayMs } from "@/lib/delivery/retry-policy";

// What the dispatcher writes after deciding or sending, for a whole batch at once: one UPDATE
// ... FROM (the batch's rows) per table and kind of change, instead of a few statements per message.

/** A message leaving "sending" without a send: skipped, cancelled, paused, deferred, or failed before any call. */
export type Release = {
  id: string;
  status: ScheduledStatus;
  statusReason?: string;
  lastError?: string;
  pausedAt?: Date;
  dueAt?: Date;
  giveBackAttempt?: boolean;
};

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
        releases.map((r) => ({
          id: r.id,
          status: r.status,
          reason: r.statusReason,
          error: r.lastError,
          paused_at: r.pausedAt,
          due_at: r.dueAt,
          attempts_back: r.giveBackAttempt ? 1 : 0,
        })),
        "r(id text, status text, reason text, error text, paused_at timestamp(3), due_at timestamp(3), attempts_back int)",
      )}
     WHERE s.id = r.id AND s.status = 'sending'
    RETURNING s.id`;
  return new Set(rows.map((row) => row.id));
}

/** What one provider call changes: the schedule, and the thread message when it went or failed for good. */
type Outcome = {
  id: string;
  /** The lease it was held under; null when the settling run holds it (it takes "unknown" messages without one). */
  lease: Date | null;
  status: "sent" | "scheduled" | "failed" | "unknown";
  /** lastError: null with a send. */
  error: string | null;
  /** statusReason recorded with a send (a day-5 email sent as a check-in). */
  reason?: string | null;
  /** When a retry is due. */
  due_at?: Date;
  message_id: string;
  delivery?: "sent" | "failed";
  provider_id?: string;
  delivery_error?: string;
  error_code?: string | null;
  /** Whether error_code is written (a give-up after retries leaves the recorded code as it is). */
  sets_code?: boolean;
};

/**
 * Records outcomes on the schedule, the thread messages and their conversations, in one statement.
 * Only the holder records: a message "sending" under the lease given, or "unknown" (its lease
 * expired meanwhile, and what the provider said is the answer). Returns the ids recorded.
 */
async function recordOutcomes(outcomes: Outcome[], at: Date, tx: DbClient): Promise<Set<string>> {
  if (outcomes.length === 0) return new Set();
  const updatedAt = new Date();
  const rows = await tx.$queryRaw<{ id: string }[]>`
    WITH outcome AS (
      SELECT * FROM ${rowsOf(
        outcomes,
        `o(id text, lease timestamp(3), status text, error text, reason text, due_at timestamp(3), message_id text, delivery text,
           provider_id text, delivery_error text, error_code text, sets_code boolean)`,
      )}),
    recorded AS (
      UPDATE "ScheduledMessage" AS s
         SET status = o.status::"ScheduledStatus", "lastError" = o.error, "leaseExpiresAt" = NULL, "updatedAt" = ${updatedAt},
             "sentAt" = CASE WHEN o.status = 'sent' THEN ${at} ELSE s."sentAt" END,
             "statusReason" = CASE WHEN o.status = 'sent' THEN o.reason ELSE s."statusReason" END,
             "dueAt" = COALESCE(o.due_at, s."dueAt")
        FROM outcome o
       WHERE s.id = o.id AND (s.status = 'unknown' OR (s.status = 'sending' AND s."leaseExpiresAt" IS NOT DISTINCT FROM o.lease))
      RETURNING s.id),
    delivered AS (
      UPDATE "Message" AS m
         SET "deliveryStatus" = o.delivery::"DeliveryStatus",
             "providerMessageId" = COALESCE(o.provider_id, m."providerMessageId"),
             "sentAt" = CASE WHEN o.delivery = 'sent' THEN ${at} ELSE m."sentAt" END,
             "deliveryError" = COALESCE(o.delivery_error, m."deliveryError"),
             "deliveryErrorCode" = CASE WHEN o.sets_code THEN o.error_code ELSE m."deliveryErrorCode" END
        FROM outcome o JOIN recorded r ON r.id = o.id
       WHERE m.id = o.message_id AND o.delivery IS NOT NULL
      RETURNING m."conversationId", o.delivery),
    -- Locked in id order: two batches touching the same conversations never wait on each other in a cycle.
    threads AS (
      SELECT c.id FROM "Conversation" c WHERE c.id IN (SELECT "conversationId" FROM delivered WHERE delivery = 'sent') ORDER BY c.id FOR UPDATE),
    touched AS (
      UPDATE "Conversation" AS c SET "lastMessageAt" = ${at}, "updatedAt" = ${updatedAt} FROM threads t WHERE c.id = t.id)
    SELECT id FROM recorded`;
  return new Set(rows.map((row) => row.id));
}

/** Records a confirmed send (the settling run, which holds the message without a lease). */
export async function recordSentMessage(
  send: { scheduledId: string; messageId: string; providerMessageId: string; statusReason: string | null },
  at: Date,
  tx: DbClient,
): Promise<boolean> {
  const recorded = await recordOutcomes(
    [
      {
        id: send.scheduledId,
        lease: null,
        status: "sent",
        error: null,
        reason: send.statusReason,
        message_id: send.messageId,
        delivery: "sent",
        provider_id: send.providerMessageId,
      },
    ],
    at,
    tx,
  );
  return recorded.size === 1;
}

async function applySuppression(
  customerId: string,
  to: string,
  suppression: Suppression,
  reason: string,
  now: Date,
  tx: DbClient,
) {
  if (suppression === "email_inactive") {
    await tx.customer.update({
      where: { id: customerId },
      data: { emailSuppressedAt: now, emailSuppressedReason: reason },
    });
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
  /** The lease and attempt count the message was claimed with (unchanged while this dispatcher holds it). */
  leaseExpiresAt: Date | null;
  attempts: number;
  outcome: SendOutcome;
  /** statusReason recorded with a confirmed send (a day-5 email sent as a check-in). */
  sentReason: string | null;
};

export type AttemptResult = "sent" | "retry" | "failed" | "unknown" | "lost-lease";

/** What an attempt changes, and how it is reported. */
function outcomeOf(attempt: Attempt, now: Date): { outcome: Outcome; result: AttemptResult } {
  const { outcome } = attempt;
  const base = { id: attempt.scheduledId, lease: attempt.leaseExpiresAt, message_id: attempt.messageId };
  switch (outcome.kind) {
    case "sent":
      return {
        outcome: {
          ...base,
          status: "sent",
          error: null,
          reason: attempt.sentReason,
          delivery: "sent",
          provider_id: outcome.providerMessageId,
        },
        result: "sent",
      };
    case "transient":
      if (attempt.attempts >= MAX_ATTEMPTS) {
        return {
          outcome: {
            ...base,
            status: "failed",
            error: outcome.error,
            delivery: "failed",
            delivery_error: `Gave up after ${attempt.attempts} attempts: ${outcome.error}`,
          },
          result: "failed",
        };
      }
      return {
        outcome: {
          ...base,
          status: "scheduled",
          error: outcome.error,
          due_at: new Date(now.getTime() + retryDelayMs(attempt.attempts, outcome.retryAfterMs)),
        },
        result: "retry",
      };
    case "permanent":
      return {
        outcome: {
          ...base,
          status: "failed",
          error: outcome.error,
          delivery: "failed",
          delivery_error: outcome.error,
          error_code: outcome.code ?? null,
          sets_code: true,
        },
        result: "failed",
      };
    case "unknown":
      return { outcome: { ...base, status: "unknown", error: outcome.error }, result: "unknown" };
  }
}

/**
 * Records what the provider said for each call of a batch: one statement, and a transaction only
 * when an address must be suppressed with it (a bounce, a STOP: rare, one at a time, with the
 * consent rules' own functions). A message no longer held is reported "lost-lease", untouched.
 */
export async function recordAttempts(attempts: Attempt[], now: Date): Promise<Map<string, AttemptResult>> {
  const changes = attempts.map((attempt) => ({ attempt, ...outcomeOf(attempt, now) }));
  const suppressing = changes.filter(({ attempt }) => attempt.outcome.kind === "permanent" && attempt.outcome.suppress);
  const write = async (tx: DbClient) => {
    const recorded = await recordOutcomes(
      changes.map((change) => change.outcome),
      now,
      tx,
    );
    for (const { attempt } of suppressing) {
      const outcome = attempt.outcome as Extract<SendOutcome, { kind: "permanent" }>;
      if (recorded.has(attempt.scheduledId))
        await applySuppression(attempt.customerId, attempt.to, outcome.suppress!, outcome.error, now, tx);
    }
    return recorded;
  };
  const recorded = suppressing.length ? await db.$transaction(write) : await write(db);
  return new Map(
    changes.map(({ attempt, result }) => [
      attempt.scheduledId,
      recorded.has(attempt.scheduledId) ? result : "lost-lease",
    ]),
  );
}
