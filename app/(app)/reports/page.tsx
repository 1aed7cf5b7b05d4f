import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/not-built-yet";
import { requireArea } from "@/lib/auth/require-access";
import { getTranslator } from "@/lib/i18n/get-ui-locale";
import { placeholderMessages } from "@/lib/i18n/messages/placeholders";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator(placeholderMessages);
  return { title: t("reports.title") };
}

export default async function ReportsPage() {
  await requireArea("reports");
  const { t } = await getTranslator(placeholderMessages);
  return (
    <>
      <PageHeader title={t("reports.title")} description={t("reports.description")} />
      <NotBuiltYet what={t("reports.what")} plannedIn={t("reports.plan")} />
    </>
  );
}
