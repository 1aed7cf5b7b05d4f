"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { useTranslator } from "@/components/i18n/locale-provider";
import { notificationsMessages } from "@/lib/i18n/messages/notifications";
import { plural } from "@/lib/i18n/numbers";

const POLL_MS = 20_000;
const COUNT_PREFIX = /^\(\d+\) /;

/** "(3) Inbox · Reply Inbox": the tab says how many notifications wait, whatever page sets the title. */
function useCountInTitle(count: number) {
  useEffect(() => {
    const apply = () => {
      const bare = document.title.replace(COUNT_PREFIX, "");
      const wanted = count > 0 ? `(${count}) ${bare}` : bare;
      if (document.title !== wanted) document.title = wanted;
    };
    apply();
    // Next sets the title again on every navigation.
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      document.title = document.title.replace(COUNT_PREFIX, "");
    };
  }, [count]);
}

/** The link to the notification list, with the unread count (polled). */
export function NotificationsLink() {
  const { t, locale } = useTranslator(notificationsMessages);
  const pathname = usePathname();
  const query = useQuery({
    queryKey: ["notifications", pathname],
    queryFn: async (): Promise<{ unread: number }> => {
      const response = await fetch("/api/notifications", { cache: "no-store" });
      if (!response.ok) throw new Error(`notifications ${response.status}`);
      return response.json();
    },
    refetchInterval: POLL_MS,
  });
  const unread = query.data?.unread ?? 0;
  useCountInTitle(unread);
  return (
    <Link
      href="/notifications"
      aria-current={pathname === "/notifications" ? "page" : undefined}
      className="flex items-center gap-2 text-xs text-stone-600 underline hover:text-stone-900"
    >
      {t("link")}
      {unread > 0 && (
        <span
          data-testid="notification-count"
          className="relative rounded-full bg-brand-600 px-1.5 text-xs font-semibold text-white no-underline tabular-nums"
        >
          {unread}
          <span className="sr-only"> ({t(plural(locale, unread, "unread"), { count: unread })})</span>
        </span>
      )}
    </Link>
  );
}
