import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/not-built-yet";
import { requireArea } from "@/lib/auth/require-access";

export const metadata: Metadata = { title: "Templates" };

export default async function TemplatesPage() {
  await requireArea("templates");
  return (
    <>
      <PageHeader title="Templates" description="The founder-voice messages: abandoned checkout, post-delivery check-ins, the SMS review request and canned replies." />
      <NotBuiltYet what="The template editor with live preview, versions, the founder's approval queue and the voice check." plannedIn="issue #6 (founder voice)" />
    </>
  );
}
