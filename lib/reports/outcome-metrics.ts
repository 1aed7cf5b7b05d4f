import "server-only";
import { db, type Db, type DbClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { TOO_LATE_REASON } from "@/lib/outbound/send-eligibility";
import { rate, REPORT_FLOWS, type Rate, type ReportFilters } from "@/lib/reports/report-filters";

// The outcome metrics of the automated messages, per flow, step and channel (issue #7).
//
// Population: scheduled messages with status "sent" and sentAt in [from, to), filtered by channel
// and flow ("all" = no filter), grouped by (flow, step, channel). "Within 7 days" of a message
// means in (sentAt, sentAt + 7 days]: a reply, click, review, order or opt-out one second after the
// send counts, one at sentAt itself or after the seventh day does not. Outcomes that happen after
// `to` still count for messages sent before it.
//
// - sent: those messages. delivered: of them, whose sent Message is "delivered". undelivered: of
//   them, whose sent Message is "failed" (a bounce or carrier rejection reported after the send).
// - failed: scheduled messages with status "failed" (never accepted by the provider) whose
//   updatedAt is in [from, to): they have no sentAt, so they are dated by when they failed. Not
//   part of "sent", and not in any rate.
// - recipients: distinct customers of the group. Recipient rates count a customer once per group:
//   in the numerator when the thing happened within 7 days of any of their messages of the group.
// - reply rate: recipients with an inbound Message (any channel, any of their conversations)
//   created within 7 days / recipients.
// - review click rate: sent messages that carried a review link (TrackedLink kind review with that
//   scheduledMessageId or that messageId) whose link got at least one LinkClick within 7 days /
//   sent messages that carried a review link. reviewClicks: every such click, repeats included.
// - reviews recorded: recipients with a Review (the shop's review.created) created within 7 days.
//   Only meaningful when the shop sends review.created: `reviewsTracked` says whether any review
//   was ever recorded.
// - recovered (abandoned_checkout and high_value_cart): recovery messages (the help email, the
//   high-value cart SMS) to which at least one order is attributed / those sent. An order is
//   attributed to at most one of them sent in the 7 days before it was placed, for its checkout or
//   its customer: one for its own checkout if there is one, else the latest. recoveredValue: the sum
//   of the attributed orders' totalPrice (each order once), in recoveredCurrencies. Cost per
//   recovered order (SMS): SMS cost / recovered.
// - tooLate: scheduled messages skipped as too late (past their latest useful time), dated by when
//   they were skipped, like failed. longSms: sent SMS that took more than 2 segments.
// - opt-out rate (SMS rows): recipients with a ConsentEvent sms/revoked within 7 days / recipients.
// - unsubscribe rate (email rows): recipients whose Customer.emailUnsubscribedAt is within 7 days /
//   recipients (the current state: a later re-subscription clears it).
// - SMS cost: the sent Messages' smsSegments × ShopSettings.smsPricePerSegment. Cost per review
//   click: SMS cost / sent messages whose review link was clicked (null when none).
// - Totals per channel count messages like the rows (sums) but recipients once per channel, so a
//   recipient rate of the total is not the sum of the rows' numerators.

const WINDOW_DAYS = 7;
/** The flows that try to bring an abandoned checkout back. */
const RECOVERY_FLOWS = new Set(["abandoned_checkout", "high_value_cart"]);
/** The schema's default, for a shop without settings yet. */
const DEFAULT_PRICE_PER_SEGMENT = "0.0750";
const DEFAULT_PRICE_CURRENCY = "EUR";
const REPORT_TIMEOUT_MS = 60_000;

export type OutcomeChannel = "email" | "sms";

export type StepOutcome = {
  flow: string;
  step: string;
  channel: OutcomeChannel;
  sent: number;
  delivered: number;
  undelivered: number;
  failed: number;
  recipients: number;
  replyRate: Rate;
  reviewClickRate: Rate;
  reviewClicks: number;
  reviewsRecorded: number;
  /** Recovery flows only (in totals: when the channel sent any recovery message). */
  recovered: Rate | null;
  /** SMS recovery rows: SMS cost / recovered orders (null when none). */
  costPerRecovered: number | null;
  /** Skipped because they would have gone out too late. */
  tooLate: number;
  /** Sent SMS of more than 2 segments (each billed several times). */
  longSms: number;
  recoveredValue: number | null;
  recoveredCurrencies: string[];
  /** SMS only. */
  optOutRate: Rate | null;
  /** Email only. */
  unsubscribeRate: Rate | null;
  smsSegments: number;
  smsCost: number | null;
  costPerReviewClick: number | null;
};

export type OutcomeTotals = Omit<StepOutcome, "flow" | "step" | "channel">;

export type OutcomeReport = {
  rows: StepOutcome[];
  totals: Record<OutcomeChannel, OutcomeTotals>;
  /** The SMS price currency (Settings). */
  currency: string;
  pricePerSegment: number;
  /** Whether the shop has ever sent a review.created (else "reviews recorded" cannot be known). */
  reviewsTracked: boolean;
  definitions: Record<string, string>;
};

export const OUTCOME_DEFINITIONS: Record<string, string> = {
  sent: "Automated messages sent in the range (by the time they were sent), per flow, step and channel.",
  delivered: "Of the sent messages, those the provider reported as delivered.",
  undelivered: "Of the sent messages, those the provider reported as failed after sending (bounce, carrier rejection).",
  failed: "Messages that could not be sent at all; they have no send time, so they are dated by when they failed. Not part of sent.",
  recipients: "Distinct customers who were sent these messages; totals count each customer once per channel.",
  replyRate: "Recipients who sent us any message, on any channel, within 7 days after one of these messages, out of all recipients.",
  reviewClickRate: "Sent messages carrying a review link whose link was clicked at least once within 7 days, out of sent messages carrying a review link.",
  reviewClicks: "Every click on those review links within 7 days, repeats included.",
  reviewsRecorded: "Recipients for whom the shop reported a review (review.created) within 7 days after one of these messages.",
  recovered: "Recovery messages (the abandoned-checkout help email, the high-value cart SMS) followed within 7 days by an order for the same checkout or from the same customer, out of those sent; each order goes to one message only (its own checkout's, else the latest).",
  costPerRecovered: "SMS cost divided by the recovered orders of those SMS; empty when none.",
  tooLate: "Messages skipped because they would have gone out past their latest useful time (a dispatcher that did not run for a while), dated by when they were skipped.",
  longSms: "Sent SMS that took more than 2 segments: each is billed as several.",
  recoveredValue: "The total of the orders counted as recovered, each order once, in their own currency.",
  optOutRate: "SMS recipients who opted out of SMS (STOP or otherwise) within 7 days after one of these messages, out of SMS recipients.",
  unsubscribeRate: "Email recipients who unsubscribed from email within 7 days after one of these messages (and are still unsubscribed), out of email recipients.",
  smsSegments: "SMS segments of the sent messages (a long text is billed as several).",
  smsCost: "SMS segments × the price per segment set in Settings.",
  costPerReviewClick: "SMS cost divided by the sent messages whose review link was clicked; empty when none was.",
};

type MainRow = {
  flow: string | null;
  step: string | null;
  channel: OutcomeChannel;
  is_total: boolean;
  sent: number;
  delivered: number;
  undelivered: number;
  recipients: number;
  replied: number;
  with_review_link: number;
  review_clicked: number;
  review_clicks: number;
  reviewed: number;
  help_sent: number;
  recovered: number;
  recovered_value: string | null;
  recovered_currencies: string | null;
  opted_out: number;
  unsubscribed: number;
  segments: number;
  long_sms: number;
};

type FailedRow = { flow: string; step: string; channel: OutcomeChannel; failed: number; too_late: number };

const ts = (date: Date) => Prisma.sql`${date.toISOString()}::timestamp`;

function scopeSql(filters: ReportFilters, alias: string): Prisma.Sql {
  const a = Prisma.raw(alias);
  const channel = filters.channel === "all" ? Prisma.empty : Prisma.sql`AND ${a}.channel = ${filters.channel}::"Channel"`;
  const flow = filters.flow === "all" ? Prisma.empty : Prisma.sql`AND ${a}.flow = ${filters.flow}::"Flow"`;
  return Prisma.sql`${channel} ${flow}`;
}

/** What followed each send of the range (the CTEs both the outcome rows and the version split read). */
function sendFactsSql(filters: ReportFilters): Prisma.Sql {
  const window = Prisma.sql`${WINDOW_DAYS} * interval '1 day'`;
  const within = (column: Prisma.Sql, sentAt: Prisma.Sql) => Prisma.sql`${column} > ${sentAt} AND ${column} <= ${sentAt} + ${window}`;
  const from = ts(filters.from);
  const to = ts(filters.to);
  return Prisma.sql`
    WITH
    -- Recovery: every help email that could claim an order placed after the range starts (in the
    -- range or up to 7 days either side of it), with the orders that followed it within 7 days
    -- (Order's checkoutId and (customerId, placedAt) indexes). Each order goes to one email: its
    -- own checkout's, else the latest.
    help AS (
      SELECT h.id, h."checkoutId" AS checkout_id, h."customerId" AS customer_id, h."sentAt" AS sent_at
        FROM "ScheduledMessage" h
       WHERE h.status = 'sent' AND h.flow IN ('abandoned_checkout', 'high_value_cart') AND h."sentAt" >= ${from} - ${window} AND h."sentAt" < ${to} + ${window}
    ),
    candidates AS (
      SELECT o.id AS order_id, h.id AS help_id, h.sent_at, true AS same_checkout
        FROM help h JOIN "Order" o ON o."checkoutId" = h.checkout_id
       WHERE o."placedAt" > ${from} AND ${within(Prisma.sql`o."placedAt"`, Prisma.sql`h.sent_at`)}
      UNION ALL
      SELECT o.id, h.id, h.sent_at, false
        FROM help h JOIN "Order" o ON o."customerId" = h.customer_id
       WHERE o."placedAt" > ${from} AND ${within(Prisma.sql`o."placedAt"`, Prisma.sql`h.sent_at`)}
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
    -- Per send of the range, what followed it: a few index probes each (primary keys; Customer,
    -- Conversation, Message, Review, ConsentEvent, TrackedLink (customerId, kind) and LinkClick
    -- indexes), so the cost follows the sends of the range, not the size of the tables.
    sent AS (
      SELECT s.id, s.flow, s.step, s.channel, s."customerId" AS customer_id, s."sentAt" AS sent_at, s."sentMessageId" AS message_id, s."templateVersionId" AS template_version_id
        FROM "ScheduledMessage" s
       WHERE s.status = 'sent' AND s."sentAt" >= ${from} AND s."sentAt" < ${to} ${scopeSql(filters, "s")}
    ),
    facts AS (
      SELECT s.id, s.flow::text AS flow, s.step, s.channel::text AS channel, s.customer_id, s.template_version_id,
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

/** One row per (flow, step, channel) and one per channel (is_total), computed set by set. Exported for the bench's plans. */
export function outcomeMetricsSql(filters: ReportFilters): Prisma.Sql {
  return Prisma.sql`
    ${sendFactsSql(filters)}
    SELECT f.flow, f.step, f.channel, GROUPING(f.flow) = 1 AS is_total,
           count(*)::int AS sent,
           count(*) FILTER (WHERE f.delivered)::int AS delivered,
           count(*) FILTER (WHERE f.undelivered)::int AS undelivered,
           count(DISTINCT f.customer_id)::int AS recipients,
           count(DISTINCT f.customer_id) FILTER (WHERE f.replied)::int AS replied,
           count(*) FILTER (WHERE f.has_review_link)::int AS with_review_link,
           count(*) FILTER (WHERE f.has_review_link AND f.clicks > 0)::int AS review_clicked,
           COALESCE(sum(f.clicks), 0)::int AS review_clicks,
           count(DISTINCT f.customer_id) FILTER (WHERE f.reviewed)::int AS reviewed,
           count(*) FILTER (WHERE f.flow IN ('abandoned_checkout', 'high_value_cart'))::int AS help_sent,
           count(*) FILTER (WHERE f.flow IN ('abandoned_checkout', 'high_value_cart') AND f.recovered)::int AS recovered,
           (sum(f.recovered_value) FILTER (WHERE f.flow IN ('abandoned_checkout', 'high_value_cart')))::text AS recovered_value,
           string_agg(DISTINCT f.currencies, ',') FILTER (WHERE f.flow IN ('abandoned_checkout', 'high_value_cart')) AS recovered_currencies,
           count(DISTINCT f.customer_id) FILTER (WHERE f.opted_out)::int AS opted_out,
           count(DISTINCT f.customer_id) FILTER (WHERE f.unsubscribed)::int AS unsubscribed,
           COALESCE(sum(f.segments), 0)::int AS segments,
           count(*) FILTER (WHERE f.segments > 2)::int AS long_sms
      FROM facts f
     GROUP BY GROUPING SETS ((f.flow, f.step, f.channel), (f.channel))`;
}

function failedSql(filters: ReportFilters): Prisma.Sql {
  return Prisma.sql`
    SELECT sm.flow::text AS flow, sm.step, sm.channel::text AS channel,
           count(*) FILTER (WHERE sm.status = 'failed')::int AS failed,
           count(*) FILTER (WHERE sm.status = 'skipped')::int AS too_late
      FROM "ScheduledMessage" sm
     WHERE (sm.status = 'failed' OR (sm.status = 'skipped' AND sm."statusReason" = ${TOO_LATE_REASON}))
       AND sm."updatedAt" >= ${ts(filters.from)} AND sm."updatedAt" < ${ts(filters.to)} ${scopeSql(filters, "sm")}
     GROUP BY 1, 2, 3`;
}

/**
 * Runs a query with PostgreSQL's JIT off. The main query's estimated cost (thousands of per-send
 * probes) is above jit_above_cost, and compiling it took ~400 ms, longer than running it.
 */
async function withoutJit<T>(tx: DbClient, query: Prisma.Sql): Promise<T> {
  const run = async (client: DbClient) => {
    await client.$executeRaw`SET LOCAL jit = off`;
    return client.$queryRaw<T>(query);
  };
  const root = tx as Partial<Db>;
  // A year's range can take seconds: more than a transaction's default 5 s allows.
  if (typeof root.$transaction === "function") return root.$transaction(run, { timeout: REPORT_TIMEOUT_MS });
  // Already in the caller's transaction: the setting lasts until it ends.
  return run(tx);
}

function emptyRow(channel: OutcomeChannel): MainRow {
  return {
    flow: null, step: null, channel, is_total: true, sent: 0, delivered: 0, undelivered: 0, recipients: 0, replied: 0, with_review_link: 0, review_clicked: 0,
    review_clicks: 0, reviewed: 0, help_sent: 0, recovered: 0, recovered_value: null, recovered_currencies: null, opted_out: 0, unsubscribed: 0, segments: 0, long_sms: 0,
  };
}

function outcomeOf(row: MainRow, unsent: { failed: number; tooLate: number }, price: Prisma.Decimal, recovery: boolean): OutcomeTotals {
  const sms = row.channel === "sms";
  const smsCost = sms ? price.mul(row.segments) : null;
  const reviewClickRate = rate(row.review_clicked, row.with_review_link);
  return {
    sent: row.sent,
    delivered: row.delivered,
    undelivered: row.undelivered,
    failed: unsent.failed,
    tooLate: unsent.tooLate,
    recipients: row.recipients,
    replyRate: rate(row.replied, row.recipients),
    reviewClickRate,
    reviewClicks: row.review_clicks,
    reviewsRecorded: row.reviewed,
    recovered: recovery ? rate(row.recovered, row.help_sent) : null,
    recoveredValue: recovery ? Number(row.recovered_value ?? 0) : null,
    costPerRecovered: recovery && smsCost && row.recovered > 0 ? smsCost.div(row.recovered).toNumber() : null,
    longSms: row.long_sms,
    recoveredCurrencies: [...new Set((row.recovered_currencies ?? "").split(",").filter(Boolean))].sort(),
    optOutRate: sms ? rate(row.opted_out, row.recipients) : null,
    unsubscribeRate: sms ? null : rate(row.unsubscribed, row.recipients),
    smsSegments: row.segments,
    smsCost: smsCost ? smsCost.toNumber() : null,
    costPerReviewClick: smsCost && reviewClickRate.numerator > 0 ? smsCost.div(reviewClickRate.numerator).toNumber() : null,
  };
}

const flowRank = (flow: string) => {
  const index = (REPORT_FLOWS as readonly string[]).indexOf(flow);
  return index === -1 ? REPORT_FLOWS.length : index;
};

/** Flows in REPORT_FLOWS order, then steps in natural order (day1, day5, day14), then email before SMS. */
function compareRows(a: StepOutcome, b: StepOutcome): number {
  return flowRank(a.flow) - flowRank(b.flow) || a.step.localeCompare(b.step, "en", { numeric: true }) || a.channel.localeCompare(b.channel);
}

/** The outcome metrics of the automated messages sent in the range (see the definitions above). */
export async function outcomeMetrics(filters: ReportFilters, tx: DbClient = db): Promise<OutcomeReport> {
  const [main, failed, settings, reviews] = await Promise.all([
    withoutJit<MainRow[]>(tx, outcomeMetricsSql(filters)),
    tx.$queryRaw<FailedRow[]>(failedSql(filters)),
    tx.shopSettings.findUnique({ where: { id: 1 }, select: { smsPricePerSegment: true, smsPriceCurrency: true } }),
    tx.$queryRaw<{ tracked: boolean }[]>`SELECT EXISTS (SELECT 1 FROM "Review") AS tracked`,
  ]);
  const price = settings?.smsPricePerSegment ?? new Prisma.Decimal(DEFAULT_PRICE_PER_SEGMENT);
  const key = (r: { flow: string | null; step: string | null; channel: string }) => `${r.flow}\u0000${r.step}\u0000${r.channel}`;

  const groups = new Map<string, MainRow>();
  const totals = new Map<OutcomeChannel, MainRow>();
  for (const row of main) {
    if (row.is_total) totals.set(row.channel, row);
    else groups.set(key(row), row);
  }
  const unsentByGroup = new Map(failed.map((f) => [key(f), { failed: f.failed, tooLate: f.too_late }]));
  const unsentByChannel = { email: { failed: 0, tooLate: 0 }, sms: { failed: 0, tooLate: 0 } };
  for (const f of failed) {
    unsentByChannel[f.channel].failed += f.failed;
    unsentByChannel[f.channel].tooLate += f.too_late;
    // A step that only failed in the range still gets a row.
    if (!groups.has(key(f))) groups.set(key(f), { ...emptyRow(f.channel), flow: f.flow, step: f.step, is_total: false });
  }

  const rows = [...groups.values()]
    .map((row): StepOutcome => ({ flow: row.flow!, step: row.step!, channel: row.channel, ...outcomeOf(row, unsentByGroup.get(key(row)) ?? { failed: 0, tooLate: 0 }, price, RECOVERY_FLOWS.has(row.flow!)) }))
    .sort(compareRows);
  const total = (channel: OutcomeChannel) => {
    const row = totals.get(channel) ?? emptyRow(channel);
    return outcomeOf(row, unsentByChannel[channel], price, row.help_sent > 0);
  };

  return {
    rows,
    totals: { email: total("email"), sms: total("sms") },
    currency: settings?.smsPriceCurrency ?? DEFAULT_PRICE_CURRENCY,
    pricePerSegment: price.toNumber(),
    reviewsTracked: reviews[0]?.tracked ?? false,
    definitions: OUTCOME_DEFINITIONS,
  };
}

// ---------------------------------------------------------------------------------------------
// The same sends, split by the template version that was sent (issue #13): did a new voice change
// the reply rate? A version with fewer sends than MIN_SENDS_TO_COMPARE is marked too few.

export const MIN_SENDS_TO_COMPARE = 30;

export type VersionOutcome = {
  flow: string;
  step: string;
  channel: OutcomeChannel;
  templateVersionId: string | null;
  versionNumber: number | null;
  approvedAt: Date | null;
  sent: number;
  replyRate: Rate;
  reviewClickRate: Rate;
  tooFewToCompare: boolean;
};

type VersionRow = { flow: string; step: string; channel: OutcomeChannel; template_version_id: string | null; sent: number; recipients: number; replied: number; with_review_link: number; review_clicked: number };

export async function outcomeByTemplateVersion(filters: ReportFilters, tx: DbClient = db): Promise<VersionOutcome[]> {
  const rows = await withoutJit<VersionRow[]>(
    tx,
    Prisma.sql`
      ${sendFactsSql(filters)}
      SELECT f.flow, f.step, f.channel, f.template_version_id,
             count(*)::int AS sent,
             count(DISTINCT f.customer_id)::int AS recipients,
             count(DISTINCT f.customer_id) FILTER (WHERE f.replied)::int AS replied,
             count(*) FILTER (WHERE f.has_review_link)::int AS with_review_link,
             count(*) FILTER (WHERE f.has_review_link AND f.clicks > 0)::int AS review_clicked
        FROM facts f
       GROUP BY 1, 2, 3, 4`,
  );
  const ids = rows.map((row) => row.template_version_id).filter((id): id is string => id !== null);
  const versions = new Map((await tx.templateVersion.findMany({ where: { id: { in: ids } }, select: { id: true, number: true, reviewedAt: true } })).map((v) => [v.id, v]));
  return rows
    .map((row): VersionOutcome => {
      const version = row.template_version_id ? versions.get(row.template_version_id) : undefined;
      return {
        flow: row.flow,
        step: row.step,
        channel: row.channel,
        templateVersionId: row.template_version_id,
        versionNumber: version?.number ?? null,
        approvedAt: version?.reviewedAt ?? null,
        sent: row.sent,
        replyRate: rate(row.replied, row.recipients),
        reviewClickRate: rate(row.review_clicked, row.with_review_link),
        tooFewToCompare: row.sent < MIN_SENDS_TO_COMPARE,
      };
    })
    .sort((a, b) => compareRows(a as unknown as StepOutcome, b as unknown as StepOutcome) || (a.versionNumber ?? 0) - (b.versionNumber ?? 0));
}
