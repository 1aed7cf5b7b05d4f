import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireArea } from "@/lib/auth/require-access";
import { getFrictionCategory } from "@/lib/friction/friction-categories";
import { formatDate } from "@/lib/i18n/format";
import { frictionCategoryLabel } from "@/lib/i18n/labels";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { reportMessages } from "@/lib/i18n/messages/reports";
import { customersWhoHit } from "@/lib/reports/friction-report";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator(reportMessages);
  return { title: t("frictionTitle") };
}

/** Everyone who hit a friction, to tell them personally, from the inbox, that it is fixed. */
export default async function FrictionCustomersPage({ params }: { params: Promise<{ categoryId: string }> }) {
  await requireArea("reports");
  const { t, locale } = await getTranslator(reportMessages);
  const timeZone = await viewerTimeZone();
  const category = await getFrictionCategory((await params).categoryId);
  if (!category) notFound();
  const customers = await customersWhoHit(category.id, new Date());
  return (
    <>
      <Link href="/reports" className="text-xs text-brand-700 underline">
        ← {t("title")}
      </Link>
      <PageHeader
        title={t("whoHitTitle", { category: frictionCategoryLabel(category, locale) })}
        description={t("whoHitDescription")}
        actions={
          <a
            className="text-sm text-brand-700 underline"
            href={`/api/reports/csv?table=customers&categoryId=${category.id}`}
          >
            {t("downloadCsv")}
          </a>
        }
      />
      {customers.length === 0 ? (
        <Notice>{t("whoHitEmpty")}</Notice>
      ) : (
        <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white">
          {customers.map((c) => (
            <li key={c.customerId} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
              <span>
                <span className="font-medium">{c.name}</span>{" "}
                <span className="text-xs text-stone-500">
                  {[c.email, c.phone].filter(Boolean).join(" · ")} · {formatDate(c.at, locale, timeZone)}
                </span>
              </span>
              <Link className="text-brand-700 underline" href={`/inbox/${c.conversationId}`}>
                {t("openConversation")}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
