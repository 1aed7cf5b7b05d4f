import "server-only";
import type { Db, DbClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReportFilters } from "@/lib/reports/report-filters";

// What followed each sent automated message (its "facts"): the one SQL definition the outcome
// report aggregates, whether the facts are computed live or read back from OutcomeFact, where
// lib/reports/outcome-rollup.ts stores them for closed days with this same SQL. The metrics they
// feed are defined at the top of lib/reports/outcome-metrics.ts.
//
// The facts of a send do not depend on the report's range: every event is looked for within
// WINDOW_DAYS after the send whatever the range, and an order's attribution looks at every
// recovery message sent in the 7 days before the order (the `help` CTE reaches 7 days either side
// of the sends it computes, which covers them all), so a fact stored once equals the fact computed
// live for any range that holds its send.

/** "Within 7 days" of a send: in (sentAt, sentAt + WINDOW_DAYS days]. */
export const WINDOW_DAYS = 7;
const REPORT_TIMEOUT_MS = 60_000;

/** [from, to), UTC. */
export type TimeRange = { from: Date; to: Date };

/** Which facts come from where: computed live for `live`, read from OutcomeFact for `stored` (whole UTC days). */
export type FactSources = { live: TimeRange[]; stored: TimeRange[] };

/**
 * Every column of a fact: its name in the facts CTE and in OutcomeFact. The one list the cache is
 * written from and read back with, so the two cannot drift apart.
 */
const FACT_COLUMNS = [
  ["id", "scheduledMessageId"],
  ["sent_day", "sentDay"],
  ["sent_at", "sentAt"],
  ["flow", "flow"],
  ["step", "step"],
  ["channel", "channel"],
  ["customer_id", "customerId"],
  ["template_version_id", "templateVersionId"],
  ["delivered", "delivered"],
  ["undelivered", "undelivered"],
  ["segments", "segments"],
  ["unsubscribed", "unsubscribed"],
  ["replied", "replied"],
  ["reviewed", "reviewed"],
  ["opted_out", "optedOut"],
  ["has_review_link", "hasReviewLink"],
  ["clicks", "clicks"],
  ["recovered", "recovered"],
  ["recovered_value", "recoveredValue"],
  ["currencies", "currencies"],
] as const;

const factNames = Prisma.raw(FACT_COLUMNS.map(([fact]) => fact).join(", "));
const storedNames = Prisma.raw(FACT_COLUMNS.map(([, stored]) => `"${stored}"`).join(", "));
const storedAsFacts = Prisma.raw(FACT_COLUMNS.map(([fact, stored]) => `o."${stored}" AS ${fact}`).join(", "));

export const ts = (date: Date) => Prisma.sql`${date.toISOString()}::timestamp`;
const day = (date: Date) => Prisma.sql`${date.toISOString().slice(0, 10)}::date`;

/** The report's channel and flow filters on a table with `channel` and `flow` columns. */
export function scopeSql(filters: Pick<ReportFilters, "channel" | "flow">, alias: string): Prisma.Sql {
  const a = Prisma.raw(alias);
  const channel =
    filters.channel === "all" ? Prisma.empty : Prisma.sql`AND ${a}.channel = ${filters.channel}::"Channel"`;
  const flow = filters.flow === "all" ? Prisma.empty : Prisma.sql`AND ${a}.flow = ${filters.flow}::"Flow"`;
  return Prisma.sql`${channel} ${flow}`;
}

/**
 * `WITH …, facts AS (…)`: one row per send (status "sent") in `ranges`, after the filters, with
 * what followed it. No ranges: no rows.
 */
function sendFactsSql(ranges: TimeRange[], filters: Pick<ReportFilters, "channel" | "flow">): Prisma.Sql {
  const window = Prisma.sql`${WINDOW_DAYS} * interval '1 day'`;
  const within = (column: Prisma.Sql, sentAt: Prisma.Sql) =>
    Prisma.sql`${column} > ${sentAt} AND ${column} <= ${sentAt} + ${window}`;
  const anyOf = (each: (range: TimeRange) => Prisma.Sql) =>
    ranges.length ? Prisma.join(ranges.map(each), " OR ") : Prisma.sql`false`;
  const helpSent = anyOf(
    (r) => Prisma.sql`(h."sentAt" >= ${ts(r.from)} - ${window} AND h."sentAt" < ${ts(r.to)} + ${window})`,
  );
  const from = ranges.length ? new Date(Math.min(...ranges.map((r) => r.from.getTime()))) : null;
  const placedAfterFrom = from ? Prisma.sql`o."placedAt" > ${ts(from)}` : Prisma.sql`false`;
  const sentInRanges = anyOf((r) => Prisma.sql`(s."sentAt" >= ${ts(r.from)} AND s."sentAt" < ${ts(r.to)})`);
  return Prisma.sql`
    WITH
    -- Recovery: every help email that could claim an order of a send of the ranges (sent in them
    -- or up to 7 days either side of them), with the orders that followed it within 7 days
    -- (Order's checkoutId and (customerId, placedAt) indexes). Each order goes to one email: its
    -- own checkout's, else the latest.
    help AS (
      SELECT h.id, h."checkoutId" AS checkout_id, h."customerId" AS customer_id, h."sentAt" AS sent_at
        FROM "ScheduledMessage" h
       WHERE h.status = 'sent' AND h.flow IN ('abandoned_checkout', 'high_value_cart') AND ${helpSent}
    ),
    candidates AS (
      SELECT o.id AS order_id, h.id AS help_id, h.sent_at, true AS same_checkout
        FROM help h JOIN "Order" o ON o."checkoutId" = h.checkout_id
       WHERE ${placedAfterFrom} AND ${within(Prisma.sql`o."placedAt"`, Prisma.sql`h.sent_at`)}
      UNION ALL
      SELECT o.id, h.id, h.sent_at, false
        FROM help h JOIN "Order" o ON o."customerId" = h.customer_id
       WHERE ${placedAfterFrom} AND ${within(Prisma.sql`o."placedAt"`, Prisma.sql`h.sent_at`)}
    ),
    attributed AS (
      SELECT DISTINCT ON (order_id) order_id, help_id
        FROM candidates
       ORDER BY order_id, same_checkout DESC, sent_at DESC, help_id DESC
    ),
    recovery AS (
      SELECT a.help_id, sum(o."totalPrice") AS value, string_agg(DISTINCT o.currency, ',') AS currencies
        FROM attributed a JOIN "Order" o ON o.id = a.order_id
       GROUP BY a.help_id
    ),
    -- Per send, what followed it: a few index probes each (primary keys; Customer, Conversation,
    -- Message, Review, ConsentEvent, TrackedLink (customerId, kind) and LinkClick indexes), so the
    -- cost follows the sends computed, not the size of the tables.
    sent AS (
      SELECT s.id, s.flow, s.step, s.channel, s."customerId" AS customer_id, s."sentAt" AS sent_at, s."sentMessageId" AS message_id, s."templateVersionId" AS template_version_id
        FROM "ScheduledMessage" s
       WHERE s.status = 'sent' AND (${sentInRanges}) ${scopeSql(filters, "s")}
    ),
    facts AS (
      SELECT s.id, s.sent_at::date AS sent_day, s.sent_at, s.flow, s.step, s.channel, s.customer_id, s.template_version_id,
             COALESCE(m."deliveryStatus" = 'delivered', false) AS delivered,
             COALESCE(m."deliveryStatus" = 'failed', false) AS undelivered,
             COALESCE(m."smsSegments", 0) AS segments,
             COALESCE((SELECT ${within(Prisma.sql`cu."emailUnsubscribedAt"`, Prisma.sql`s.sent_at`)} FROM "Customer" cu WHERE cu.id = s.customer_id), false) AS unsubscribed,
             EXISTS (SELECT 1 FROM "Conversation" cv JOIN "Message" r ON r."conversationId" = cv.id
                      WHERE cv."customerId" = s.customer_id AND r.direction = 'inbound' AND ${within(Prisma.sql`r."createdAt"`, Prisma.sql`s.sent_at`)}) AS replied,
             EXISTS (SELECT 1 FROM "Review" rv WHERE rv."customerId" = s.customer_id AND ${within(Prisma.sql`rv."createdAt"`, Prisma.sql`s.sent_at`)}) AS reviewed,
             s.channel = 'sms' AND EXISTS (SELECT 1 FROM "ConsentEvent" e WHERE e."customerId" = s.customer_id AND e.channel = 'sms' AND e.change = 'revoked'
                                             AND ${within(Prisma.sql`e."occurredAt"`, Prisma.sql`s.sent_at`)}) AS opted_out,
             links.review_links > 0 AS has_review_link,
             links.clicks,
             rc.help_id IS NOT NULL AS recovered, rc.value AS recovered_value, rc.currencies
        FROM sent s
        LEFT JOIN LATERAL (SELECT m."deliveryStatus", m."smsSegments" FROM "Message" m WHERE m.id = s.message_id OFFSET 0) m ON true
        -- Every tracked link is made for a customer (createTrackedLink): the send's own recipient.
        LEFT JOIN LATERAL (
          SELECT count(*) AS review_links,
                 COALESCE(sum((SELECT count(*) FROM "LinkClick" c WHERE c."linkId" = l.id AND ${within(Prisma.sql`c."clickedAt"`, Prisma.sql`s.sent_at`)})), 0)::int AS clicks
            FROM "TrackedLink" l
           WHERE l."customerId" = s.customer_id AND l.kind = 'review' AND (l."scheduledMessageId" = s.id OR l."messageId" = s.message_id)
        ) links ON true
        LEFT JOIN recovery rc ON rc.help_id = s.id
    )`;
}

/**
 * `WITH …, report_facts AS (…)`: the facts of the report's sends, computed live for
 * `sources.live` and read from OutcomeFact for `sources.stored`, the report's filters applied to
 * both. The CTEs the outcome rows and the version split aggregate.
 */
export function reportFactsSql(filters: ReportFilters, sources: FactSources): Prisma.Sql {
  const storedDays = sources.stored.length
    ? Prisma.join(
        sources.stored.map((r) => Prisma.sql`(o."sentDay" >= ${day(r.from)} AND o."sentDay" < ${day(r.to)})`),
        " OR ",
      )
    : Prisma.sql`false`;
  return Prisma.sql`
    ${sendFactsSql(sources.live, filters)},
    report_facts AS (
      SELECT ${factNames} FROM facts
      UNION ALL
      SELECT ${storedAsFacts} FROM "OutcomeFact" o WHERE (${storedDays}) ${scopeSql(filters, "o")}
    )`;
}

/** Stores the facts of every send of the ranges (all channels and flows); a fact already stored is kept. */
export function storeFactsSql(ranges: TimeRange[]): Prisma.Sql {
  return Prisma.sql`
    ${sendFactsSql(ranges, { channel: "all", flow: "all" })}
    INSERT INTO "OutcomeFact" (${storedNames})
    SELECT ${factNames} FROM facts
    ON CONFLICT ("scheduledMessageId") DO NOTHING`;
}

/**
 * Runs queries over facts with PostgreSQL's JIT off, in a transaction: the caller's, or one of
 * its own. The estimated cost of the per-send probes is above jit_above_cost, and compiling the
 * plan took ~400 ms, longer than running it.
 */
export async function withoutJit<T>(tx: DbClient, run: (client: DbClient) => Promise<T>): Promise<T> {
  const inTransaction = async (client: DbClient) => {
    await client.$executeRaw`SET LOCAL jit = off`;
    return run(client);
  };
  const root = tx as Partial<Db>;
  // A year's range can take seconds: more than a transaction's default 5 s allows.
  if (typeof root.$transaction === "function") return root.$transaction(inTransaction, { timeout: REPORT_TIMEOUT_MS });
  // Already in the caller's transaction: the setting lasts until it ends.
  return inTransaction(tx);
}
