import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { SavedRepliesManager } from "@/components/saved-replies/saved-replies-manager";
import { requireArea } from "@/lib/auth/require-access";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { savedRepliesMessages } from "@/lib/i18n/messages/saved-replies";
import { listSavedReplies, SAVED_REPLY_VARIABLES } from "@/lib/saved-replies/saved-replies";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator(savedRepliesMessages);
  return { title: t("pageTitle") };
}

export default async function SavedRepliesPage() {
  await requireArea("savedReplies");
  const [replies, { t }] = await Promise.all([listSavedReplies(), getTranslator(savedRepliesMessages)]);
  return (
    <>
      <PageHeader title={t("pageTitle")} description={t("pageDescription")} />
      <SavedRepliesManager
        replies={replies.map((reply) => ({ ...reply, updatedAt: reply.updatedAt.toISOString() }))}
        variables={[...SAVED_REPLY_VARIABLES]}
      />
    </>
  );
}
