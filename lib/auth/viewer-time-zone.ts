import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { getCurrentUserPreferences } from "@/lib/auth/current-user";
import { getShopSettingsForRender } from "@/lib/settings/get-shop-settings";
import { canonicalTimeZone, resolveViewerTimeZone, TIME_ZONE_COOKIE } from "@/lib/i18n/time-zone";

/** The signed-in user's own time zone setting, or "auto" (follow the browser). */
export const getTimeZoneChoice = cache(async (): Promise<string> => (await getCurrentUserPreferences()).timeZone);

/** The browser's zone as its `tz` cookie says, or null before the cookie is set. */
export async function browserTimeZone(): Promise<string | null> {
  return canonicalTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value);
}

/** The zone this request's screens show times in (the rule in lib/i18n/time-zone.ts). */
export const viewerTimeZone = cache(async (): Promise<string> => {
  const browser = await browserTimeZone();
  const choice = await getTimeZoneChoice();
  const user = choice === "auto" ? null : choice;
  // The shop's zone only matters when neither the user nor the browser has said anything.
  const shop = (canonicalTimeZone(user) ?? browser) ? null : ((await getShopSettingsForRender())?.timeZone ?? null);
  return resolveViewerTimeZone({ user, browser, shop });
});
