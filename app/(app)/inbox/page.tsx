import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/not-built-yet";
import { requireArea } from "@/lib/auth/require-access";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage() {
  await requireArea("inbox");
  return (
    <>
      <PageHeader title="Inbox" description="Customers' email and SMS replies, threaded by customer." />
      <NotBuiltYet what="The conversation list, the thread view, the reply composer and the customer sidebar." plannedIn="issue #5 (helpdesk inbox); replies arrive with issue #4" />
    </>
  );
}
