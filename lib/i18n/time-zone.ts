// The time zone rule (docs/ARCHITECTURE.md, "Time zones"): staff read every time in their own
// zone — their setting, else their browser's (sent in the `tz` cookie), else the shop's, else UTC.
// Pure, so the server and the browser resolve it the same way; no zod here (time-zone-choice.ts
// holds the form schema), since the browser loads this module on every page.

/** Cookie in which the browser tells the server its zone, so server-rendered times match it. */
export const TIME_ZONE_COOKIE = "tz";

/** The canonical IANA name for `value` ("europe/paris" → "Europe/Paris"), or null if Intl does not know it. */
export function canonicalTimeZone(value: string | null | undefined): string | null {
  if (!value || value.length > 64) return null;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function isTimeZone(value: string): boolean {
  return canonicalTimeZone(value) !== null;
}

export type TimeZoneSources = { user?: string | null; browser?: string | null; shop?: string | null };

/** The zone a viewer reads times in: the first valid of user setting, browser, shop; else UTC. */
export function resolveViewerTimeZone({ user, browser, shop }: TimeZoneSources): string {
  return canonicalTimeZone(user) ?? canonicalTimeZone(browser) ?? canonicalTimeZone(shop) ?? "UTC";
}
