// How long something took in the shop's business hours (a reply at 9:00 Monday to a mail sent
// at 18:30 Friday took half an hour, not 62). Pure.
import { fromZonedTime, toZonedTime } from "date-fns-tz";

export const BUSINESS_DAYS = ["mon_fri", "mon_sat", "every_day"] as const;
export type BusinessDays = (typeof BUSINESS_DAYS)[number];

export type BusinessHours = {
  timeZone: string;
  /** Opening hour, local (0-23). */
  startHour: number;
  /** Closing hour, local (1-24), after startHour. */
  endHour: number;
  days: BusinessDays;
};

const OPEN_DAYS: Record<BusinessDays, readonly number[]> = {
  mon_fri: [1, 2, 3, 4, 5],
  mon_sat: [1, 2, 3, 4, 5, 6],
  every_day: [0, 1, 2, 3, 4, 5, 6],
};
const DAY_MS = 24 * 3600_000;
const pad = (n: number) => String(n).padStart(2, "0");

/** The milliseconds of [start, end) that fall in business hours, in the shop's time zone (DST included). */
export function businessDuration(start: Date, end: Date, hours: BusinessHours): number {
  if (end <= start) return 0;
  const open = OPEN_DAYS[hours.days];
  let total = 0;
  // Each local day the interval touches (a day more on each side for time zone offsets).
  const first = toZonedTime(new Date(start.getTime() - DAY_MS), hours.timeZone);
  const days = Math.ceil((end.getTime() - start.getTime()) / DAY_MS) + 2;
  for (let i = 0; i <= days; i++) {
    const local = new Date(Date.UTC(first.getFullYear(), first.getMonth(), first.getDate() + i));
    if (!open.includes(local.getUTCDay())) continue;
    const date = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
    const opens = fromZonedTime(`${date}T${pad(hours.startHour)}:00:00`, hours.timeZone).getTime();
    const closes =
      hours.endHour === 24
        ? fromZonedTime(`${date}T23:59:59.999`, hours.timeZone).getTime() + 1
        : fromZonedTime(`${date}T${pad(hours.endHour)}:00:00`, hours.timeZone).getTime();
    total += Math.max(0, Math.min(closes, end.getTime()) - Math.max(opens, start.getTime()));
  }
  return total;
}
