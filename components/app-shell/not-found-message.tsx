import Link from "next/link";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { placeholderMessages } from "@/lib/i18n/messages/placeholders";

/** "Page not found" in the reader's language, with the way back to the inbox. */
export async function NotFoundMessage() {
  const { t } = await getTranslator(placeholderMessages);
  return (
    <div className="max-w-xl space-y-4" data-testid="not-found">
      <h1 className="text-xl font-semibold">{t("notFound.title")}</h1>
      <p className="text-sm text-stone-700">{t("notFound.body")}</p>
      <Link href="/inbox" className="text-sm text-brand-700 underline">
        {t("notFound.backToInbox")}
      </Link>
    </div>
  );
}
