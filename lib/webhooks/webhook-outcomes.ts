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

/** Refused deliveries stored per endpoint and hour, with their reason; the rest are only counted. */
export const REFUSALS_STORED_PER_HOUR = 20;

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
 * Counts one delivery in its endpoint's hour, in one statement (concurrent deliveries add up on
 * the row's lock). Returns how many were refused in that hour, this one included.
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
  const [row] = await db.$queryRaw<{ refused: number }[]>`
    INSERT INTO "WebhookTally" ("provider", "topic", "hour", ${column}, "lastReceivedAt", "lastAcceptedAt")
    VALUES (${provider}::"WebhookProvider", ${topic}, date_trunc('hour', ${when}::timestamptz AT TIME ZONE 'UTC'), 1,
            ${when}::timestamptz AT TIME ZONE 'UTC', CASE WHEN ${accepted} THEN ${when}::timestamptz AT TIME ZONE 'UTC' END)
    ON CONFLICT ("provider", "topic", "hour") DO UPDATE SET
      ${column} = "WebhookTally".${column} + 1,
      "lastReceivedAt" = GREATEST("WebhookTally"."lastReceivedAt", EXCLUDED."lastReceivedAt"),
      "lastAcceptedAt" = GREATEST("WebhookTally"."lastAcceptedAt", EXCLUDED."lastAcceptedAt")
    RETURNING ("rejectedSignature" + "rejectedAuth" + "rejectedSize" + "rejectedMalformed")::int AS "refused"`;
  return row?.refused ?? 0;
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
 * Counts a delivery that did not go through and stores its reason: always for a failure while
 * applying (with its body, for a replay), for refusals only the first few of each hour.
 */
export async function recordWebhookFailure(failure: WebhookFailureInput): Promise<void> {
  const refusedThisHour = await tallyWebhookDelivery({
    provider: failure.provider,
    topic: failure.topic,
    result: failure.reason,
    at: failure.receivedAt,
  });
  const refused = failure.payload === null;
  if (refused && refusedThisHour > REFUSALS_STORED_PER_HOUR) return;
  await db.webhookFailure.create({
    data: {
      endpoint: failure.endpoint,
      provider: failure.provider,
      topic: failure.topic,
      reason: failure.reason,
      receivedAt: failure.receivedAt,
      error: describeFailure(failure.error),
      // PostgreSQL text cannot hold NUL; no provider sends one in a body it signs as text.
      payload: failure.payload?.toString("utf8").replaceAll("\u0000", "\uFFFD") ?? null,
      headers: failure.headers ?? Prisma.DbNull,
    },
  });
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
  return redact(lines.slice(0, 3).join(" ").slice(0, 500));
}

/** What PostgreSQL said, out of Prisma's wrapping ("Raw query failed. Code: `P0001`. Message: `…`"). */
function databaseMessage(error: Error): string | null {
  if (!error.name.startsWith("PrismaClient")) return null;
  const said = /Message: `([^`]+)`/.exec(error.message)?.[1];
  return said ? `Database error: ${said}` : null;
}

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

/** How an address can appear in a stored body: as written (JSON), or form-encoded (Twilio). */
function mentionsOf(addresses: string[]): string[] {
  return [
    ...new Set(addresses.flatMap((address) => [address.toLowerCase(), encodeURIComponent(address).toLowerCase()])),
  ];
}

/** Failed deliveries still holding a body that mentions one of these addresses (a customer's export). */
export async function failedDeliveriesMentioning(
  addresses: string[],
  tx: DbClient = db,
): Promise<{ receivedAt: Date; endpoint: string; payload: string }[]> {
  if (addresses.length === 0) return [];
  return tx.$queryRaw`
    SELECT "receivedAt", "endpoint", "payload" FROM "WebhookFailure"
    WHERE "payload" IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(${mentionsOf(addresses)}::text[]) m WHERE strpos(lower("payload"), m) > 0)
    ORDER BY "receivedAt"`;
}

/** Drops the bodies of failed deliveries that mention one of these addresses (a customer's erasure). */
export async function forgetFailedDeliveriesMentioning(addresses: string[], tx: DbClient = db): Promise<number> {
  if (addresses.length === 0) return 0;
  return tx.$executeRaw`
    UPDATE "WebhookFailure" SET "payload" = NULL, "headers" = NULL
    WHERE "payload" IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(${mentionsOf(addresses)}::text[]) m WHERE strpos(lower("payload"), m) > 0)`;
}
