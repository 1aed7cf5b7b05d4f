// SMS only in the daytime window (default 10:00-20:00) of the customer's time zone. Pure.
import { getTimezonesForCountry } from "countries-and-timezones";
import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import { phoneCountry } from "@/lib/phone/normalize-phone";

export type SmsWindow = { startHour: number; endHour: number };

/**
 * The zones to respect: the customer's own, else every zone of their phone's country (a
 * +1 number could be in any US zone, so all of them must be in daytime), else the shop's.
 */
export function customerTimeZones(
  customer: { timeZone: string | null; phone: string | null },
  shopTimeZone: string,
): string[] {
  if (customer.timeZone) return [customer.timeZone];
  const country = customer.phone ? phoneCountry(customer.phone) : null;
  const zones = country ? (getTimezonesForCountry(country) ?? []).map((zone) => zone.name) : [];
  return zones.length ? zones : [shopTimeZone];
}

function localHour(at: Date, zone: string): number {
  return Number(formatInTimeZone(at, zone, "H")) + Number(formatInTimeZone(at, zone, "m")) / 60;
}

function inWindow(at: Date, zones: string[], window: SmsWindow): boolean {
  return zones.every((zone) => {
    const hour = localHour(at, zone);
    return hour >= window.startHour && hour < window.endHour;
  });
}

/** `at` itself when every zone is in the window; otherwise the next moment it is. Never drops. */
export function nextSmsSendTime(at: Date, zones: string[], window: SmsWindow): Date {
  if (inWindow(at, zones, window)) return at;
  // The answer is a window opening in one of the zones, within the next few days.
  const candidates: Date[] = [];
  for (const zone of zones) {
    const today = formatInTimeZone(at, zone, "yyyy-MM-dd");
    for (let day = 0; day <= 3; day++) {
      const date = new Date(`${today}T00:00:00Z`);
      date.setUTCDate(date.getUTCDate() + day);
      const localStart = `${date.toISOString().slice(0, 10)}T${String(window.startHour).padStart(2, "0")}:00:00`;
      const opening = fromZonedTime(localStart, zone);
      if (opening > at) candidates.push(opening);
    }
  }
  candidates.sort((a, b) => a.getTime() - b.getTime());
  const next = candidates.find((candidate) => inWindow(candidate, zones, window));
  if (!next)
    throw new Error(`No SMS window for ${zones.join(", ")} between ${window.startHour}:00 and ${window.endHour}:00`);
  return next;
}
