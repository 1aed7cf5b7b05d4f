import type { Metadata } from "next";
import { ConversationList } from "@/components/inbox/conversation-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireArea } from "@/lib/auth/require-access";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { inboxMessages } from "@/lib/i18n/messages/inbox";
import { listTagNames } from "@/lib/inbox/conversation-tags";
import { readInboxQuery } from "@/lib/inbox/inbox-query";
import { listAssignableUsers } from "@/lib/users/list-users";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator(inboxMessages);
  return { title: t("inboxTitle") };
}

export default async function InboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireArea("inbox");
  const { t } = await getTranslator(inboxMessages);
  const query = readInboxQuery(await searchParams);
  const [teammates, tags] = await Promise.all([listAssignableUsers(), listTagNames()]);
  return (
    <>
      <PageHeader title={t("inboxTitle")} description={t("inboxDescription")} />
      <form action="/inbox/search" role="search" className="mb-4 flex max-w-md gap-2">
        <label htmlFor="inbox-search-input" className="sr-only">
          {t("searchLabel")}
        </label>
        <input
          id="inbox-search-input"
          name="q"
          type="search"
          minLength={2}
          placeholder={t("searchPlaceholder")}
          className="flex-1 rounded-md border border-stone-300 px-3 py-2 text-sm"
        />
        <button
          type="submit"
          className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm hover:bg-stone-100"
        >
          {t("search")}
        </button>
      </form>
      <ConversationList
        query={query}
        tags={tags}
        currentUserId={user.id}
        teammates={teammates.map((member) => ({ id: member.id, name: member.name }))}
      />
    </>
  );
}
