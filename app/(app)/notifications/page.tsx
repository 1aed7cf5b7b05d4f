import type { Metadata } from "next";
import Link from "next/link";
import { NotificationList } from "@/components/notifications/notification-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/require-access";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { notificationsMessages } from "@/lib/i18n/messages/notifications";
import { listNotifications } from "@/lib/notifications/notifications";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator(notificationsMessages);
  return { title: t("pageTitle") };
}

export default async function NotificationsPage() {
  const user = await requireUser();
  const { t } = await getTranslator(notificationsMessages);
  const notifications = await listNotifications(user.id);
  return (
    <>
      <PageHeader title={t("pageTitle")} description={t("pageDescription")} />
      <p className="mb-4 text-sm text-stone-600">
        {t("digestPointer")}{" "}
        <Link href="/account" className="text-brand-700 underline">
          {t("digestPointerLink")}
        </Link>
      </p>
      <NotificationList notifications={notifications.map((n) => ({ ...n, createdAt: n.createdAt.toISOString() }))} />
    </>
  );
}
