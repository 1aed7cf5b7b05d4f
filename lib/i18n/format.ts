// Dates and durations in the UI language. Intl does the work; these keep the choices in one place.
// Every date takes its time zone explicitly (the viewer's, or the customer's for their schedule):
// a default would be the machine's zone, which differs between the server and the browser.
import type { UiLocale } from "@/lib/i18n/translate";

const INTL_LOCALE: Record<UiLocale, string> = { en: "en-GB", fr: "fr-FR" };

export function formatDateTime(date: Date | string, locale: UiLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: "medium", timeStyle: "short", timeZone }).format(
    new Date(date),
  );
}

export function formatDate(date: Date | string, locale: UiLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: "medium", timeZone }).format(new Date(date));
}

/** A calendar day stored as midnight UTC (a report week, a fix date): the same day for everyone. */
export function formatDay(date: Date | string, locale: UiLocale): string {
  return formatDate(date, locale, "UTC");
}

/** A time in someone else's zone, saying whose: "10:00 (Europe/Paris, customer's time)". */
export function formatDateTimeInZone(date: Date | string, locale: UiLocale, timeZone: string, whose: string): string {
  return `${formatDateTime(date, locale, timeZone)} (${timeZone}, ${whose})`;
}

/** "5 minutes ago", "dans 2 jours": the largest unit that fits. */
export function formatRelative(date: Date | string, locale: UiLocale, now: Date = new Date()): string {
  const seconds = (new Date(date).getTime() - now.getTime()) / 1000;
  const format = new Intl.RelativeTimeFormat(INTL_LOCALE[locale], { numeric: "auto" });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
  ];
  for (const [unit, size] of units)
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  return format.format(0, "minute");
}

/** A short wait such as "5 min", "3 h", "2 d" / "2 j". */
export function formatDuration(fromDate: Date | string, locale: UiLocale, now: Date = new Date()): string {
  const minutes = Math.max(0, Math.round((now.getTime() - new Date(fromDate).getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} ${locale === "fr" ? "j" : "d"}`;
}

/** A measured duration such as "45 min", "2 h 15 min", "3 d 4 h" / "3 j 4 h" (rounded to the minute). */
export function formatElapsed(ms: number, locale: UiLocale): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return `${days} ${locale === "fr" ? "j" : "d"}${hours % 24 ? ` ${hours % 24} h` : ""}`;
}
