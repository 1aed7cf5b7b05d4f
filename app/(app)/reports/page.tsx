import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/not-built-yet";
import { requireArea } from "@/lib/auth/require-access";

export const metadata: Metadata = { title: "Reports" };

export default async function ReportsPage() {
  await requireArea("reports");
  return (
    <>
      <PageHeader title="Reports" description="What keeps going wrong for customers, and whether the founder-voice messages work." />
      <NotBuiltYet what="The friction report (by category, over time, with fixes) and the outcome metrics per flow and channel." plannedIn="issue #7 (friction report and metrics)" />
    </>
  );
}
