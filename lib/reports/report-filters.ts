// The report's filters, read from the URL: a date range, a channel, a flow. Pure, shared by the
// page, the CSV export and the metrics.
import { z } from "zod";
import { CHANNELS, type Channel } from "@/lib/channels/channels";

export const REPORT_FLOWS = [
  "abandoned_checkout",
  "high_value_cart",
  "post_delivery",
  "sms_review_request",
  "auto_reply",
  "manual",
] as const;
export type ReportFlow = (typeof REPORT_FLOWS)[number];

export type ReportFilters = {
  /** Inclusive start of the first day, UTC. */
  from: Date;
  /** Exclusive end: the start of the day after the last one, UTC. */
  to: Date;
  channel: "all" | Channel;
  flow: "all" | ReportFlow;
};

const DAY_MS = 24 * 3600_000;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date like 2026-11-01");

const schema = z.object({
  from: day.optional(),
  to: day.optional(),
  channel: z.enum(["all", ...CHANNELS]).default("all"),
  flow: z.enum(["all", ...REPORT_FLOWS]).default("all"),
});

export type FilterResult = { ok: true; filters: ReportFilters } | { ok: false; error: string };

/** Defaults to the last 28 days up to today. "to" is the last day shown, included. */
export function parseReportFilters(params: Record<string, string | undefined>, now = new Date()): FilterResult {
  const parsed = schema.safeParse(params);
  if (!parsed.success)
    return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const to = parsed.data.to ? Date.parse(`${parsed.data.to}T00:00:00Z`) + DAY_MS : today + DAY_MS;
  const from = parsed.data.from ? Date.parse(`${parsed.data.from}T00:00:00Z`) : to - 28 * DAY_MS;
  if (Number.isNaN(from) || Number.isNaN(to)) return { ok: false, error: "Dates must be real days, like 2026-11-01." };
  if (from >= to) return { ok: false, error: "The start date must be on or before the end date." };
  if (to - from > 366 * DAY_MS) return { ok: false, error: "Pick a range of at most a year." };
  return {
    ok: true,
    filters: { from: new Date(from), to: new Date(to), channel: parsed.data.channel, flow: parsed.data.flow },
  };
}

/** The same length of time just before, for trends. */
export function previousPeriod(filters: ReportFilters): ReportFilters {
  const length = filters.to.getTime() - filters.from.getTime();
  return { ...filters, from: new Date(filters.from.getTime() - length), to: filters.from };
}

/** The filters as URL parameters ("to" back to the last day included). */
export function filtersToParams(filters: ReportFilters): Record<string, string> {
  return {
    from: filters.from.toISOString().slice(0, 10),
    to: new Date(filters.to.getTime() - DAY_MS).toISOString().slice(0, 10),
    channel: filters.channel,
    flow: filters.flow,
  };
}

/** A rate that shows its own numerator and denominator, so it can be checked. */
export type Rate = { numerator: number; denominator: number; value: number | null };

export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}

/**
 * Every week the range touches, as the Monday (UTC, ISO date) the weekly series are grouped by:
 * a chart shows empty weeks as zero instead of stretching the weeks that had data.
 */
export function weeksInRange(from: Date, to: Date): string[] {
  const day = 24 * 60 * 60 * 1000;
  const monday = (date: Date) => {
    const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
    return midnight - ((new Date(midnight).getUTCDay() + 6) % 7) * day;
  };
  const weeks: string[] = [];
  // `to` is exclusive: the last week is the one holding the instant just before it.
  for (let week = monday(from); week <= monday(new Date(to.getTime() - 1)); week += 7 * day)
    weeks.push(new Date(week).toISOString().slice(0, 10));
  return weeks;
}
