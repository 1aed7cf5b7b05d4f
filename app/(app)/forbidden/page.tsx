import type { Metadata } from "next";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { requireUser } from "@/lib/auth/require-access";
import { findArea, ROLE_LABELS } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Not allowed" };

export default async function ForbiddenPage({ searchParams }: { searchParams: Promise<{ area?: string }> }) {
  const user = await requireUser();
  const area = findArea((await searchParams).area ?? "");
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-xl font-semibold">Not allowed</h1>
      <Notice tone="error" title={`Your role (${ROLE_LABELS[user.role]}) cannot open ${area ? area.label : "that page"}.`}>
        Ask an admin if you need access.
      </Notice>
      <Link href="/inbox" className="text-sm text-brand-700 underline">
        Back to the inbox
      </Link>
    </div>
  );
}
