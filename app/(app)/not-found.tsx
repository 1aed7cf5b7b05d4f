import type { Metadata } from "next";
import { NotFoundMessage } from "@/components/app-shell/not-found-message";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { placeholderMessages } from "@/lib/i18n/messages/placeholders";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator(placeholderMessages);
  return { title: t("notFound.title") };
}

// Inside the app's shell: an unknown conversation, template or report category.
export default function AppNotFound() {
  return <NotFoundMessage />;
}
