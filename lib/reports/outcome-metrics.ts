import "server-only";
import { db, type DbClient } from "@/lib/db";
import { CHANNELS, type Channel } from "@/lib/channels/channels";
import { Prisma } from "@/lib/generated/prisma/client";
import { TOO_LATE_REASON } from "@/lib/outbound/send-eligibility";
import { reportFactsSql, scopeSql, ts, withoutJit, type FactSources } from "@/lib/reports/outcome-facts";
import { outcomeFactSources } from "@/lib/reports/outcome-rollup";
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
//
// What followed each send (its facts) is computed by lib/reports/outcome-facts.ts; for the whole
// UTC days of the range that are closed (their 7 days over, with a day of margin) the facts are
// read from the rollup that lib/reports/outcome-rollup.ts fills, which says what that freezes.

/** The flows that try to bring an abandoned checkout back. */
const RECOVERY_FLOWS = new Set(["abandoned_checkout", "high_value_cart"]);
/** The schema's default, for a shop without settings yet. */
const DEFAULT_PRICE_PER_SEGMENT = "0.0750";
const DEFAULT_PRICE_CURRENCY = "EUR";

export type OutcomeOptions = {
  /** When the report is read: which days are closed. */
  now?: Date;
  /** false: compute every send live, without reading or filling the rollup (to compare the two). */
  useRollup?: boolean;
};

/** Every channel an automated message goes on (Messenger and Instagram: the review link by reply). */
export type OutcomeChannel = Channel;

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
  failed:
    "Messages that could not be sent at all; they have no send time, so they are dated by when they failed. Not part of sent.",
  recipients: "Distinct customers who were sent these messages; totals count each customer once per channel.",
  replyRate:
    "Recipients who sent us any message, on any channel, within 7 days after one of these messages, out of all recipients.",
  reviewClickRate:
    "Sent messages carrying a review link whose link was clicked at least once within 7 days, out of sent messages carrying a review link.",
  reviewClicks: "Every click on those review links within 7 days, repeats included.",
  reviewsRecorded:
    "Recipients for whom the shop reported a review (review.created) within 7 days after one of these messages.",
  recovered:
    "Recovery messages (the abandoned-checkout help email, the high-value cart SMS) followed within 7 days by an order for the same checkout or from the same customer, out of those sent; each order goes to one message only (its own checkout's, else the latest).",
  costPerRecovered: "SMS cost divided by the recovered orders of those SMS; empty when none.",
  tooLate:
    "Messages skipped because they would have gone out past their latest useful time (a dispatcher that did not run for a while), dated by when they were skipped.",
  longSms: "Sent SMS that took more than 2 segments: each is billed as several.",
  recoveredValue: "The total of the orders counted as recovered, each order once, in their own currency.",
  optOutRate:
    "SMS recipients who opted out of SMS (STOP or otherwise) within 7 days after one of these messages, out of SMS recipients.",
  unsubscribeRate:
    "Email recipients who unsubscribed from email within 7 days after one of these messages (and are still unsubscribed), out of email recipients.",
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

/** The facts of the whole range computed live (no rollup). */
const allLive = (filters: ReportFilters): FactSources => ({
  live: [{ from: filters.from, to: filters.to }],
  stored: [],
});

/** One row per (flow, step, channel) and one per channel (is_total), computed set by set. Exported for the bench's plans. */
export function outcomeMetricsSql(filters: ReportFilters, sources: FactSources = allLive(filters)): Prisma.Sql {
  return Prisma.sql`
    ${reportFactsSql(filters, sources)}
    SELECT f.flow::text AS flow, f.step, f.channel::text AS channel, GROUPING(f.flow) = 1 AS is_total,
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
      FROM report_facts f
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

function emptyRow(channel: OutcomeChannel): MainRow {
  return {
    flow: null,
    step: null,
    channel,
    is_total: true,
    sent: 0,
    delivered: 0,
    undelivered: 0,
    recipients: 0,
    replied: 0,
    with_review_link: 0,
    review_clicked: 0,
    review_clicks: 0,
    reviewed: 0,
    help_sent: 0,
    recovered: 0,
    recovered_value: null,
    recovered_currencies: null,
    opted_out: 0,
    unsubscribed: 0,
    segments: 0,
    long_sms: 0,
  };
}

function outcomeOf(
  row: MainRow,
  unsent: { failed: number; tooLate: number },
  price: Prisma.Decimal,
  recovery: boolean,
): OutcomeTotals {
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
    unsubscribeRate: row.channel === "email" ? rate(row.unsubscribed, row.recipients) : null,
    smsSegments: row.segments,
    smsCost: smsCost ? smsCost.toNumber() : null,
    costPerReviewClick:
      smsCost && reviewClickRate.numerator > 0 ? smsCost.div(reviewClickRate.numerator).toNumber() : null,
  };
}

const flowRank = (flow: string) => {
  const index = (REPORT_FLOWS as readonly string[]).indexOf(flow);
  return index === -1 ? REPORT_FLOWS.length : index;
};

/** Flows in REPORT_FLOWS order, then steps in natural order (day1, day5, day14), then email before SMS. */
function compareRows(a: StepOutcome, b: StepOutcome): number {
  return (
    flowRank(a.flow) - flowRank(b.flow) ||
    a.step.localeCompare(b.step, "en", { numeric: true }) ||
    a.channel.localeCompare(b.channel)
  );
}

/** The facts of the report's sends: from the rollup for its closed days (filled first if missing), live for the rest. */
async function factSources(filters: ReportFilters, options: OutcomeOptions, tx: DbClient): Promise<FactSources> {
  return outcomeFactSources(filters, { now: options.now ?? new Date(), useRollup: options.useRollup ?? true }, tx);
}

/** The outcome metrics of the automated messages sent in the range (see the definitions above). */
export async function outcomeMetrics(
  filters: ReportFilters,
  tx: DbClient = db,
  options: OutcomeOptions = {},
): Promise<OutcomeReport> {
  const [main, failed, settings, reviews] = await Promise.all([
    factSources(filters, options, tx).then((sources) =>
      withoutJit(tx, (client) => client.$queryRaw<MainRow[]>(outcomeMetricsSql(filters, sources))),
    ),
    tx.$queryRaw<FailedRow[]>(failedSql(filters)),
    tx.shopSettings.findUnique({ where: { id: 1 }, select: { smsPricePerSegment: true, smsPriceCurrency: true } }),
    tx.$queryRaw<{ tracked: boolean }[]>`SELECT EXISTS (SELECT 1 FROM "Review") AS tracked`,
  ]);
  const price = settings?.smsPricePerSegment ?? new Prisma.Decimal(DEFAULT_PRICE_PER_SEGMENT);
  const key = (r: { flow: string | null; step: string | null; channel: string }) =>
    `${r.flow}\u0000${r.step}\u0000${r.channel}`;

  const groups = new Map<string, MainRow>();
  const totals = new Map<OutcomeChannel, MainRow>();
  for (const row of main) {
    if (row.is_total) totals.set(row.channel, row);
    else groups.set(key(row), row);
  }
  const unsentByGroup = new Map(failed.map((f) => [key(f), { failed: f.failed, tooLate: f.too_late }]));
  const unsentByChannel = Object.fromEntries(CHANNELS.map((channel) => [channel, { failed: 0, tooLate: 0 }])) as Record<
    OutcomeChannel,
    { failed: number; tooLate: number }
  >;
  for (const f of failed) {
    unsentByChannel[f.channel].failed += f.failed;
    unsentByChannel[f.channel].tooLate += f.too_late;
    // A step that only failed in the range still gets a row.
    if (!groups.has(key(f)))
      groups.set(key(f), { ...emptyRow(f.channel), flow: f.flow, step: f.step, is_total: false });
  }

  const rows = [...groups.values()]
    .map((row): StepOutcome => ({
      flow: row.flow!,
      step: row.step!,
      channel: row.channel,
      ...outcomeOf(row, unsentByGroup.get(key(row)) ?? { failed: 0, tooLate: 0 }, price, RECOVERY_FLOWS.has(row.flow!)),
    }))
    .sort(compareRows);
  const total = (channel: OutcomeChannel) => {
    const row = totals.get(channel) ?? emptyRow(channel);
    return outcomeOf(row, unsentByChannel[channel], price, row.help_sent > 0);
  };

  return {
    rows,
    totals: Object.fromEntries(CHANNELS.map((channel) => [channel, total(channel)])) as Record<
      OutcomeChannel,
      OutcomeTotals
    >,
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

type VersionRow = {
  flow: string;
  step: string;
  channel: OutcomeChannel;
  template_version_id: string | null;
  sent: number;
  recipients: number;
  replied: number;
  with_review_link: number;
  review_clicked: number;
};

export async function outcomeByTemplateVersion(
  filters: ReportFilters,
  tx: DbClient = db,
  options: OutcomeOptions = {},
): Promise<VersionOutcome[]> {
  const sources = await factSources(filters, options, tx);
  const rows = await withoutJit(
    tx,
    (client) =>
      client.$queryRaw<VersionRow[]>`
      ${reportFactsSql(filters, sources)}
      SELECT f.flow::text AS flow, f.step, f.channel::text AS channel, f.template_version_id,
             count(*)::int AS sent,
             count(DISTINCT f.customer_id)::int AS recipients,
             count(DISTINCT f.customer_id) FILTER (WHERE f.replied)::int AS replied,
             count(*) FILTER (WHERE f.has_review_link)::int AS with_review_link,
             count(*) FILTER (WHERE f.has_review_link AND f.clicks > 0)::int AS review_clicked
        FROM report_facts f
       GROUP BY 1, 2, 3, 4`,
  );
  const ids = rows.map((row) => row.template_version_id).filter((id): id is string => id !== null);
  const versions = new Map(
    (
      await tx.templateVersion.findMany({
        where: { id: { in: ids } },
        select: { id: true, number: true, reviewedAt: true },
      })
    ).map((v) => [v.id, v]),
  );
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
    .sort(
      (a, b) =>
        compareRows(a as unknown as StepOutcome, b as unknown as StepOutcome) ||
        (a.versionNumber ?? 0) - (b.versionNumber ?? 0),
    );
}
