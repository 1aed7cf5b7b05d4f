import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/not-built-yet";
import { requireArea } from "@/lib/auth/require-access";
import { getTranslator } from "@/lib/i18n/get-ui-locale";
import { placeholderMessages } from "@/lib/i18n/messages/placeholders";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator(placeholderMessages);
  return { title: t("templates.title") };
}

export default async function TemplatesPage() {
  await requireArea("templates");
  const { t } = await getTranslator(placeholderMessages);
  return (
    <>
      <PageHeader title={t("templates.title")} description={t("templates.description")} />
      <NotBuiltYet what={t("templates.what")} plannedIn={t("templates.plan")} />
    </>
  );
}
