import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { WebhookProvider } from "@/lib/generated/prisma/enums";
import { expectedCallbacks, expectedTopics } from "@/lib/connections/webhook-endpoints";
import { logError } from "@/lib/log";
import { STALE_REPLAY_MINUTES } from "@/lib/webhooks/webhook-outcomes";

const HOUR = 3_600_000;
const PROVIDERS: WebhookProvider[] = ["postmark", "twilio", "shopify", "events_api", "meta"];

const COUNTED = [
  "accepted",
  "duplicates",
  "rejectedSignature",
  "rejectedAuth",
  "rejectedSize",
  "rejectedMalformed",
  "failed",
] as const;
export type Counts = Record<(typeof COUNTED)[number], number>;
export type TopicHealth = {
  provider: WebhookProvider;
  topic: string;
  lastReceivedAt: Date | null;
  lastAcceptedAt: Date | null;
  day: Counts;
  week: Counts;
};

const NO_COUNTS = Object.fromEntries(COUNTED.map((column) => [column, 0])) as Counts;

/** The start of the hour `hours` before now, as the naive UTC timestamp the counts are keyed by. */
function hoursAgo(now: Date, hours: number): string {
  const at = new Date(now.getTime() - hours * HOUR);
  at.setUTCMinutes(0, 0, 0);
  return at.toISOString().slice(0, -1);
}

/**
 * Per provider and topic: the last delivery, and what became of deliveries over the last 24 hours
 * and 7 days (accepted, refused by reason, failed), from the hourly counts. Every expected topic
 * is listed, whether or not anything arrived.
 */
export async function webhookHealth(now = new Date()): Promise<TopicHealth[]> {
  const sums = (since: string) =>
    Prisma.join(
      COUNTED.map(
        (column) =>
          Prisma.sql`coalesce(sum(${Prisma.raw(`"${column}"`)}) FILTER (WHERE "hour" >= ${since}::timestamp), 0)`,
      ),
    );
  const rows = await db.$queryRaw<
    {
      provider: WebhookProvider;
      topic: string;
      lastReceivedAt: Date | null;
      lastAcceptedAt: Date | null;
      day: number[];
      week: number[];
    }[]
  >`
    SELECT "provider", "topic", max("lastReceivedAt") AS "lastReceivedAt", max("lastAcceptedAt") AS "lastAcceptedAt",
      ARRAY[${sums(hoursAgo(now, 23))}]::int[] AS "day", ARRAY[${sums(hoursAgo(now, 7 * 24 - 1))}]::int[] AS "week"
    FROM "WebhookTally" GROUP BY "provider", "topic"`;
  const counts = (values: number[]) =>
    Object.fromEntries(COUNTED.map((column, i) => [column, values[i] ?? 0])) as Counts;
  return PROVIDERS.flatMap((provider) => {
    const expected = expectedTopics(provider);
    const others = rows
      .filter((row) => row.provider === provider && !expected.includes(row.topic))
      .map((row) => row.topic);
    return [...expected, ...others].map((topic) => {
      const row = rows.find((r) => r.provider === provider && r.topic === topic);
      if (!row) return { provider, topic, lastReceivedAt: null, lastAcceptedAt: null, day: NO_COUNTS, week: NO_COUNTS };
      return {
        provider,
        topic,
        lastReceivedAt: row.lastReceivedAt,
        lastAcceptedAt: row.lastAcceptedAt,
        day: counts(row.day),
        week: counts(row.week),
      };
    });
  });
}

/** Silent this long after our sends, a provider's callbacks are missing (a wrong URL, an old password). */
export const SILENCE_HOURS = 6;
/** ...provided at least this many messages went out that should each have produced a callback. */
export const SENDS_EXPECTING_CALLBACKS = 20;
/** A callback takes a moment: sends younger than this are not counted yet. */
const CALLBACK_GRACE_MINUTES = 15;

export type SilentProvider = {
  provider: WebhookProvider;
  topic: string;
  lastAcceptedAt: Date | null;
  sendsSince: number;
};

/**
 * Providers whose callbacks stopped: nothing accepted from them for SILENCE_HOURS while at least
 * SENDS_EXPECTING_CALLBACKS messages went out through them (in the last day) since their last one.
 */
export async function silentProviders(now = new Date()): Promise<SilentProvider[]> {
  const silent: SilentProvider[] = [];
  for (const { provider, topic, channel } of expectedCallbacks()) {
    const { _max } = await db.webhookTally.aggregate({ where: { provider, topic }, _max: { lastAcceptedAt: true } });
    const lastAcceptedAt = _max.lastAcceptedAt;
    if (lastAcceptedAt && lastAcceptedAt.getTime() > now.getTime() - SILENCE_HOURS * HOUR) continue;
    const dayAgo = new Date(now.getTime() - 24 * HOUR);
    const since = lastAcceptedAt && lastAcceptedAt > dayAgo ? lastAcceptedAt : dayAgo;
    const sendsSince = await db.message.count({
      where: {
        direction: "outbound",
        channel,
        isInternalNote: false,
        providerMessageId: { not: null },
        createdAt: { gt: since, lte: new Date(now.getTime() - CALLBACK_GRACE_MINUTES * 60_000) },
      },
    });
    if (sendsSince >= SENDS_EXPECTING_CALLBACKS) silent.push({ provider, topic, lastAcceptedAt, sendsSince });
  }
  return silent;
}

let cachedSilence: { at: number; value: Promise<SilentProvider[]> } | null = null;

/** silentProviders for the banner on every admin page: worked out at most once a minute per process. */
export function silentProvidersForBanner(now = new Date()): Promise<SilentProvider[]> {
  if (!cachedSilence || now.getTime() - cachedSilence.at > 60_000) {
    const value = silentProviders(now).catch((error) => {
      logError("connections", "silent providers not worked out", error);
      return [];
    });
    cachedSilence = { at: now.getTime(), value };
  }
  return cachedSilence.value;
}

export type WebhookFailureRow = {
  id: string;
  endpoint: string;
  provider: WebhookProvider;
  topic: string;
  receivedAt: Date;
  reason: string;
  error: string;
  replayable: boolean;
  replayedAt: Date | null;
  replayedBy: string | null;
  replayOutcome: string | null;
  replayError: string | null;
};

/** The latest refused and failed deliveries (7 days), newest first; whether each can still be replayed. */
export async function recentWebhookFailures(now = new Date(), limit = 50): Promise<WebhookFailureRow[]> {
  const since = new Date(now.getTime() - 7 * 24 * HOUR);
  const staleBefore = new Date(now.getTime() - STALE_REPLAY_MINUTES * 60_000).toISOString().slice(0, -1);
  // The body is not read (a mail can be 50 MB): only whether it is still there.
  return db.$queryRaw<WebhookFailureRow[]>`
    SELECT f."id", f."endpoint", f."provider", f."topic", f."receivedAt", f."reason", f."error",
      (f."payload" IS NOT NULL AND f."reason" IN ('conflict', 'error') AND (f."replayedAt" IS NULL OR f."replayOutcome" = 'failed'
        OR (f."replayOutcome" IS NULL AND f."replayedAt" < ${staleBefore}::timestamp))) AS "replayable",
      f."replayedAt", u."name" AS "replayedBy", f."replayOutcome", f."replayError"
    FROM "WebhookFailure" f LEFT JOIN "User" u ON u."id" = f."replayedById"
    WHERE f."receivedAt" >= ${since.toISOString().slice(0, -1)}::timestamp
    ORDER BY f."receivedAt" DESC, f."id" LIMIT ${limit}`;
}
