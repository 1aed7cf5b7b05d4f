import type { Metadata } from "next";
import Link from "next/link";
import { InboxSearch } from "@/components/search/inbox-search";
import { PageHeader } from "@/components/ui/page-header";
import { requireArea } from "@/lib/auth/require-access";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { searchMessages } from "@/lib/i18n/messages/search";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator(searchMessages);
  return { title: t("pageTitle") };
}

/** /inbox/search?q=…: the inbox's search box and "/" shortcut land here; the search runs on load. */
export default async function InboxSearchPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  await requireArea("inbox");
  const { t } = await getTranslator(searchMessages);
  const q = (await searchParams).q;
  return (
    <>
      <PageHeader
        title={t("pageTitle")}
        description={t("pageDescription")}
        actions={
          <Link href="/inbox" className="text-sm text-brand-700 underline-offset-2 hover:underline">
            {t("backToInbox")}
          </Link>
        }
      />
      <InboxSearch initialQuery={(Array.isArray(q) ? q[0] : q) ?? ""} />
    </>
  );
}
