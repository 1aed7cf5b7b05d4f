import "server-only";
import { db, type DbClient } from "@/lib/db";
import { logError } from "@/lib/log";
import {
  storeFactsSql,
  ts,
  withoutJit,
  WINDOW_DAYS,
  type FactSources,
  type TimeRange,
} from "@/lib/reports/outcome-facts";

// The outcome rollup (issue #15): the facts of every send of a closed UTC day, stored once in
// OutcomeFact, so a year of the outcome report reads a year of stored facts instead of probing a
// year of sends. Per send, not per day: recipient figures count distinct customers over the
// whole range, which per-day sums cannot give. OutcomeRollupDay records the days filled (a day
// without sends too), so a missing day is never mistaken for an empty one.
//
// A day is closed when every outcome window of its sends has ended, with a day of margin for
// late webhooks: day end + WINDOW_DAYS + 1 day <= now. Its facts are then frozen. What a frozen
// day no longer follows, and why that is acceptable:
//   - a delivery status reported after that (a bounce arriving more than 8 days after the send);
//   - the customer's email subscription changing after that (the live figure reads the current
//     state: a re-subscription would clear an unsubscribe the frozen fact keeps);
//   - an event stored later still but dated inside a window (a Shopify order or review.created
//     delivered days late, a backfill of old orders).
// Each is rare, late, and about outcomes whose 7 days ended more than a day before; a past
// month's figures that stop moving are what a report of that month should say. A deleted send
// (with its customer) takes its fact with it (foreign key), as the live report would forget it.
// Days not closed, the last 8 or 9, are always computed live, and so is any part of a range that
// is not a whole UTC day.

const DAY_MS = 24 * 3600_000;
/** From a day's start to when it is closed: the day, the outcome window, a day of margin. */
const CLOSED_AFTER_DAYS = 1 + WINDOW_DAYS + 1;
/** Days filled per statement: a month of sends, about a second of work at the bench's scale. */
const BATCH_DAYS = 31;
/** How far back the dispatcher keeps days filled: a year of report and some. Older ones fill on demand. */
const WARM_LOOKBACK_DAYS = 400;
/** Days the dispatcher fills per run at most, so a first run on a year of history stays short. */
const WARM_DAYS_PER_RUN = 31;

const floorDay = (time: number) => Math.floor(time / DAY_MS) * DAY_MS;
const ceilDay = (time: number) => Math.ceil(time / DAY_MS) * DAY_MS;

/** The end of the closed days: every UTC day that ends at or before it is closed at `now`, no later one is. */
export function closedUntil(now: Date): Date {
  return new Date(floorDay(now.getTime() - CLOSED_AFTER_DAYS * DAY_MS) + DAY_MS);
}

/** Starts of the filled days in [from, to) (whole days), ascending. */
async function filledDays(tx: DbClient, from: number, to: number): Promise<number[]> {
  const rows = await tx.$queryRaw<{ day: string }[]>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day FROM "OutcomeRollupDay" WHERE day >= ${ts(new Date(from))}::date AND day < ${ts(new Date(to))}::date ORDER BY day`;
  return rows.map((row) => Date.parse(`${row.day}T00:00:00Z`));
}

/** Consecutive day starts as ranges of whole days. */
function dayRanges(days: number[]): TimeRange[] {
  const ranges: { from: number; to: number }[] = [];
  for (const day of [...days].sort((a, b) => a - b)) {
    const last = ranges.at(-1);
    if (last && last.to === day) last.to = day + DAY_MS;
    else ranges.push({ from: day, to: day + DAY_MS });
  }
  return ranges.map((r) => ({ from: new Date(r.from), to: new Date(r.to) }));
}

/** One batch: stores the facts of the days still missing, then marks them filled, together. */
async function fillDays(days: number[], tx: DbClient): Promise<number> {
  const first = Math.min(...days);
  const last = Math.max(...days);
  return withoutJit(tx, async (client) => {
    // One filler at a time (the dispatcher, a report, another process): the next one waits, then
    // finds the days filled and does nothing. ON CONFLICT is a second guard.
    await client.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('reply-inbox:outcome-rollup'))`;
    const filled = new Set(await filledDays(client, first, last + DAY_MS));
    const missing = days.filter((day) => !filled.has(day));
    if (missing.length === 0) return 0;
    await client.$executeRaw(storeFactsSql(dayRanges(missing)));
    await client.$executeRaw`
      INSERT INTO "OutcomeRollupDay" (day)
      SELECT d::date FROM generate_series(${ts(new Date(first))}, ${ts(new Date(last))}, interval '1 day') d
      ON CONFLICT (day) DO NOTHING`;
    return missing.length;
  });
}

/**
 * Fills the closed days of [from, to) not filled yet (default: the last WARM_LOOKBACK_DAYS closed
 * days), newest first, at most `maxDays`, a batch of days per statement. Safe to run from many
 * places at once. Returns how many days it filled.
 */
export async function fillOutcomeRollup(
  options: { now: Date; from?: Date; to?: Date; maxDays?: number },
  tx: DbClient = db,
): Promise<number> {
  const end = Math.min(options.to ? floorDay(options.to.getTime()) : Infinity, closedUntil(options.now).getTime());
  const start = options.from ? ceilDay(options.from.getTime()) : end - WARM_LOOKBACK_DAYS * DAY_MS;
  if (start >= end) return 0;
  const rows = await tx.$queryRaw<{ day: string }[]>`
    SELECT to_char(d, 'YYYY-MM-DD') AS day
      FROM generate_series(${ts(new Date(start))}, ${ts(new Date(end - DAY_MS))}, interval '1 day') d
     WHERE NOT EXISTS (SELECT 1 FROM "OutcomeRollupDay" r WHERE r.day = d::date)
     ORDER BY d DESC
     LIMIT ${options.maxDays ?? Math.ceil((end - start) / DAY_MS)}`;
  const missing = rows.map((row) => Date.parse(`${row.day}T00:00:00Z`));
  let filled = 0;
  // Newest first: the days reports ask for most.
  for (const range of dayRanges(missing).reverse()) {
    for (let batchEnd = range.to.getTime(); batchEnd > range.from.getTime(); batchEnd -= BATCH_DAYS * DAY_MS) {
      const days: number[] = [];
      for (let day = Math.max(range.from.getTime(), batchEnd - BATCH_DAYS * DAY_MS); day < batchEnd; day += DAY_MS)
        days.push(day);
      filled += await fillDays(days, tx);
    }
  }
  return filled;
}

/** For the dispatcher's run: fills a few of the missing closed days. Logs a failure, never throws (the sends matter more). */
export async function keepOutcomeRollupWarm(now: Date): Promise<void> {
  try {
    await fillOutcomeRollup({ now, maxDays: WARM_DAYS_PER_RUN });
  } catch (error) {
    logError("reports", "could not fill the outcome rollup", error);
  }
}

/**
 * Where a report's facts come from: the whole closed days of the range from the rollup (filling
 * the missing ones first, so the first report of a range pays once), the rest live. With
 * `useRollup: false`, everything live.
 */
export async function outcomeFactSources(
  range: TimeRange,
  options: { now: Date; useRollup: boolean },
  tx: DbClient,
): Promise<FactSources> {
  const from = ceilDay(range.from.getTime());
  const to = Math.min(floorDay(range.to.getTime()), closedUntil(options.now).getTime());
  if (!options.useRollup || from >= to) return { live: [range], stored: [] };
  await fillOutcomeRollup({ now: options.now, from: new Date(from), to: new Date(to) }, tx);
  const stored = dayRanges(await filledDays(tx, from, to));
  const live: TimeRange[] = [];
  let cursor = range.from;
  for (const days of stored) {
    if (days.from > cursor) live.push({ from: cursor, to: days.from });
    cursor = days.to;
  }
  if (cursor < range.to) live.push({ from: cursor, to: range.to });
  return { live, stored };
}
