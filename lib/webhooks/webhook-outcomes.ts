import "server-only";
import { db, type DbClient } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { WebhookProvider } from "@/lib/generated/prisma/enums";
import { redact } from "@/lib/log";

/** Refused before being applied (forged, too large, malformed): never trusted, never replayed. */
export const REFUSAL_REASONS = ["signature", "auth", "size", "malformed"] as const;
/** Failed while being applied: authentic, kept for a replay. */
export const PROCESSING_FAILURES = ["conflict", "error"] as const;
export type FailureReason = (typeof REFUSAL_REASONS)[number] | (typeof PROCESSING_FAILURES)[number];
export type DeliveryResult = "accepted" | "duplicate" | FailureReason;

/** Deliveries without a body stored per provider, topic and hour, with their reason; the rest are only counted. */
export const STORED_WITHOUT_BODY_PER_HOUR = 20;

const COLUMN: Record<DeliveryResult, string> = {
  accepted: "accepted",
  duplicate: "duplicates",
  signature: "rejectedSignature",
  auth: "rejectedAuth",
  size: "rejectedSize",
  malformed: "rejectedMalformed",
  conflict: "failed",
  error: "failed",
};

/**
 * Counts one delivery in its topic's hour, in one statement (concurrent deliveries add up on the
 * row's lock). Returns how many of that hour did not go through, this one included.
 */
export async function tallyWebhookDelivery({
  provider,
  topic,
  result,
  at,
}: {
  provider: WebhookProvider;
  topic: string;
  result: DeliveryResult;
  at: Date;
}): Promise<number> {
  const column = Prisma.raw(`"${COLUMN[result]}"`);
  const when = at.toISOString();
  const accepted = result === "accepted" || result === "duplicate";
  const [row] = await db.$queryRaw<{ unsuccessful: number }[]>`
    INSERT INTO "WebhookTally" ("provider", "topic", "hour", ${column}, "lastReceivedAt", "lastAcceptedAt")
    VALUES (${provider}::"WebhookProvider", ${topic}, date_trunc('hour', ${when}::timestamptz AT TIME ZONE 'UTC'), 1,
            ${when}::timestamptz AT TIME ZONE 'UTC', CASE WHEN ${accepted} THEN ${when}::timestamptz AT TIME ZONE 'UTC' END)
    ON CONFLICT ("provider", "topic", "hour") DO UPDATE SET
      ${column} = "WebhookTally".${column} + 1,
      "lastReceivedAt" = GREATEST("WebhookTally"."lastReceivedAt", EXCLUDED."lastReceivedAt"),
      "lastAcceptedAt" = GREATEST("WebhookTally"."lastAcceptedAt", EXCLUDED."lastAcceptedAt")
    RETURNING ("rejectedSignature" + "rejectedAuth" + "rejectedSize" + "rejectedMalformed" + "failed")::int AS "unsuccessful"`;
  return row?.unsuccessful ?? 0;
}

export type WebhookFailureInput = {
  endpoint: string;
  provider: WebhookProvider;
  topic: string;
  reason: FailureReason;
  error: unknown;
  receivedAt: Date;
  /** The raw body, kept only for a delivery that failed while applied. */
  payload: Buffer | null;
  headers: Record<string, string> | null;
};

/**
 * Counts a delivery that did not go through and stores its reason. An authenticated one that
 * failed while applied is stored with its body, for a replay (once: a provider's retries of the
 * same body are counted, not stored again). One without a body (refused, or failed before it
 * was authenticated) is stored only among the first few of its topic's hour (a topic anyone
 * can claim is counted as "other"), so traffic anyone can send cannot fill the table.
 */
export async function recordWebhookFailure(failure: WebhookFailureInput): Promise<void> {
  const { provider, topic, receivedAt } = failure;
  const unsuccessfulThisHour = await tallyWebhookDelivery({ provider, topic, result: failure.reason, at: receivedAt });
  const data = {
    endpoint: failure.endpoint,
    provider,
    topic,
    reason: failure.reason,
    receivedAt,
    error: describeFailure(failure.error),
    headers: failure.headers ?? Prisma.DbNull,
  };
  if (failure.payload === null) {
    if (unsuccessfulThisHour > STORED_WITHOUT_BODY_PER_HOUR) return;
    await db.webhookFailure.create({ data: { ...data, payload: null } });
    return;
  }
  // PostgreSQL text cannot hold NUL; no provider sends one in a body it signs as text.
  const payload = failure.payload.toString("utf8").replaceAll("\u0000", "\uFFFD");
  const waiting = await db.webhookFailure.count({
    where: { endpoint: failure.endpoint, payload, OR: [{ replayedAt: null }, { replayOutcome: "failed" }] },
  });
  if (waiting === 0) await db.webhookFailure.create({ data: { ...data, payload } });
}

/** The reason as an admin reads it: the error's message, first lines, with no address or number. */
export function describeFailure(error: unknown): string {
  const message =
    error instanceof AppError
      ? error.message
      : error instanceof Error
        ? (databaseMessage(error) ?? `${error.name}: ${error.message}`)
        : String(error);
  const lines = message
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  // Redacted whole, then cut: an address cut in two would no longer be recognised.
  return redact(lines.slice(0, 3).join(" ")).slice(0, 500);
}

/**
 * What the database said, out of Prisma's wrapping: "Raw query failed. Code: `P0001`. Message:
 * `…`", or for other queries the last line (the first ones name the call and show the code).
 */
function databaseMessage(error: Error): string | null {
  if (!error.name.startsWith("PrismaClient")) return null;
  const said = /Message: `([^`]+)`/.exec(error.message)?.[1] ?? error.message.trim().split("\n").at(-1)?.trim();
  return said ? `Database error: ${said}` : null;
}

/** A replay that has not reported back after this long died with its process: it may run again. */
export const STALE_REPLAY_MINUTES = 10;

/** A failed delivery's body is kept this long for a replay, then dropped (it holds customer data). */
export const FAILED_PAYLOAD_KEPT_DAYS = 7;
/** Counts and failure reasons stay this long: the Connections page shows the last 7 days. */
const WEBHOOK_RECORDS_KEPT_DAYS = 30;

/** Drops expired failure bodies, then failures and counts older than a month (each dispatcher run). */
export async function pruneWebhookRecords(now = new Date()): Promise<void> {
  const day = 86_400_000;
  await db.webhookFailure.updateMany({
    where: { receivedAt: { lt: new Date(now.getTime() - FAILED_PAYLOAD_KEPT_DAYS * day) }, payload: { not: null } },
    data: { payload: null, headers: Prisma.DbNull },
  });
  const old = new Date(now.getTime() - WEBHOOK_RECORDS_KEPT_DAYS * day);
  await db.webhookFailure.deleteMany({ where: { receivedAt: { lt: old } } });
  await db.webhookTally.deleteMany({ where: { hour: { lt: old } } });
}

/**
 * Patterns (PostgreSQL regular expressions, on the lower-cased body) for an address in each form
 * a body can hold it: as written (JSON), form-encoded (Twilio), "+" escaped as \u002b (some JSON
 * encoders). Bounded, so "ann@shop.co" does not match "joann@shop.com" nor one number a longer one.
 */
function mentionPatterns(addresses: string[]): string[] {
  const forms = addresses.flatMap((address) => {
    const lower = address.toLowerCase();
    return [lower, encodeURIComponent(lower).toLowerCase(), lower.replaceAll("+", "\\u002b")];
  });
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return [...new Set(forms)].map((form) => `(^|[^a-z0-9._%+-])${escape(form)}\\.?($|[^a-z0-9._%-])`);
}

/** Failed deliveries still holding a body that mentions one of these addresses (a customer's export). */
export async function failedDeliveriesMentioning(
  addresses: string[],
  tx: DbClient = db,
): Promise<{ receivedAt: Date; endpoint: string; payload: string }[]> {
  if (addresses.length === 0) return [];
  return tx.$queryRaw`
    SELECT "receivedAt", "endpoint", "payload" FROM "WebhookFailure"
    WHERE "payload" IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(${mentionPatterns(addresses)}::text[]) p WHERE lower("payload") ~ p)
    ORDER BY "receivedAt"`;
}

/** Drops the bodies of failed deliveries that mention one of these addresses (a customer's erasure). */
export async function forgetFailedDeliveriesMentioning(addresses: string[], tx: DbClient = db): Promise<number> {
  if (addresses.length === 0) return 0;
  return tx.$executeRaw`
    UPDATE "WebhookFailure" SET "payload" = NULL, "headers" = NULL
    WHERE "payload" IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(${mentionPatterns(addresses)}::text[]) p WHERE lower("payload") ~ p)`;
}
