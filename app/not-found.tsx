import type { Metadata } from "next";
import { NotFoundMessage } from "@/components/app-shell/not-found-message";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { placeholderMessages } from "@/lib/i18n/messages/placeholders";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator(placeholderMessages);
  return { title: t("notFound.title") };
}

// Any address the app does not have (outside the signed-in shell).
export default function NotFound() {
  return (
    <main className="mx-auto max-w-6xl px-6 py-16">
      <NotFoundMessage />
    </main>
  );
}
