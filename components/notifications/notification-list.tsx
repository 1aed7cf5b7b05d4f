"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { markAllNotificationsReadAction } from "@/app/(app)/notifications/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { useViewerTimeZone } from "@/components/i18n/time-zone-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { formatDateTime } from "@/lib/i18n/format";
import { notificationsMessages } from "@/lib/i18n/messages/notifications";
import { plural } from "@/lib/i18n/numbers";

type Item = {
  id: string;
  kind: "customer_replied" | "assigned" | "mentioned";
  createdAt: string;
  read: boolean;
  conversationId: string;
  actorName: string | null;
  customerName: string | null;
  snippet: string | null;
};

/** The teammate's notifications, newest first; each opens its conversation (which reads it). */
export function NotificationList({ notifications }: { notifications: Item[] }) {
  const { t, locale } = useTranslator(notificationsMessages);
  const timeZone = useViewerTimeZone();
  const queryClient = useQueryClient();
  const markAll = useServerAction(markAllNotificationsReadAction);
  const unread = notifications.filter((n) => !n.read).length;

  if (notifications.length === 0) return <Notice>{t("empty")}</Notice>;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        {unread > 0 && (
          <Button
            variant="secondary"
            pending={markAll.pending}
            onClick={() =>
              markAll.run({}, (count) => {
                void queryClient.invalidateQueries({ queryKey: ["notifications"] });
                return t(plural(locale, count, "markedRead"), { count });
              })
            }
          >
            {t("markAllRead")}
          </Button>
        )}
        {markAll.message && <Notice tone={markAll.message.tone}>{markAll.message.text}</Notice>}
      </div>
      <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white text-sm">
        {notifications.map((n) => (
          <li key={n.id} data-testid="notification" className={n.read ? "" : "bg-brand-50/60"}>
            <Link href={`/inbox/${n.conversationId}`} className="block px-4 py-3 hover:bg-stone-50">
              <span className="flex flex-wrap items-center gap-2">
                {!n.read && (
                  <span className="relative size-2 shrink-0 rounded-full bg-brand-600">
                    <span className="sr-only">{t("unreadLabel")}</span>
                  </span>
                )}
                <span className={n.read ? "" : "font-semibold"}>
                  {t(`kind_${n.kind}`, {
                    actor: n.actorName ?? t("someone"),
                    customer: n.customerName ?? t("aCustomer"),
                  })}
                </span>
                <time dateTime={n.createdAt} className="ml-auto text-xs text-stone-500">
                  {formatDateTime(n.createdAt, locale, timeZone)}
                </time>
              </span>
              {n.snippet && <span className="mt-1 block truncate text-stone-600">{n.snippet}</span>}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
