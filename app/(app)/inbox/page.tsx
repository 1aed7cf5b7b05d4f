import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { ConversationList } from "@/components/inbox/conversation-list";
import { parseInboxView } from "@/lib/inbox/inbox-views";
import { requireArea } from "@/lib/auth/require-access";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage({ searchParams }: { searchParams: Promise<{ view?: string }> }) {
  await requireArea("inbox");
  const view = parseInboxView((await searchParams).view);
  return (
    <>
      <PageHeader title="Inbox" description="Customers' email and SMS replies, one thread per customer. Keys: j/k to move, Enter to open." />
      <ConversationList view={view} />
    </>
  );
}
