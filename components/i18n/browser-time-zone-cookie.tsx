"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useViewerTimeZone } from "@/components/i18n/time-zone-provider";
import { canonicalTimeZone, TIME_ZONE_COOKIE } from "@/lib/i18n/time-zone";

/**
 * Tells the server the browser's time zone (the `tz` cookie), so server-rendered times follow it.
 * When it was missing or stale and the page was rendered in another zone, the page is rendered
 * again once with it (a user's own zone setting wins, so then nothing changes on screen).
 */
export function BrowserTimeZoneCookie() {
  const router = useRouter();
  const renderedZone = useViewerTimeZone();
  useEffect(() => {
    const zone = canonicalTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
    if (!zone) return;
    const current = document.cookie.split("; ").find((part) => part.startsWith(`${TIME_ZONE_COOKIE}=`));
    if (current && decodeURIComponent(current.slice(TIME_ZONE_COOKIE.length + 1)) === zone) return;
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    if (renderedZone !== zone) router.refresh();
  }, [router, renderedZone]);
  return null;
}
