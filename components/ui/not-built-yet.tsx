import { Notice } from "@/components/ui/notice";
import { getTranslator } from "@/lib/i18n/get-ui-locale";
import { placeholderMessages } from "@/lib/i18n/messages/placeholders";

/** Says plainly that a section is planned and not built yet, and what it will do. */
export async function NotBuiltYet({ what, plannedIn }: { what: string; plannedIn: string }) {
  const { t } = await getTranslator(placeholderMessages);
  return (
    <Notice tone="warning" title={t("notBuiltYet")}>
      <p>{what}</p>
      <p className="mt-1 text-amber-800">{t("plannedIn", { plan: plannedIn })}</p>
    </Notice>
  );
}
