import type { Metadata } from "next";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { requireUser } from "@/lib/auth/require-access";
import { findArea } from "@/lib/auth/permissions";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { placeholderMessages } from "@/lib/i18n/messages/placeholders";
import { shellMessages } from "@/lib/i18n/messages/shell";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator(placeholderMessages);
  return { title: t("forbidden.title") };
}

export default async function ForbiddenPage({ searchParams }: { searchParams: Promise<{ area?: string }> }) {
  const user = await requireUser();
  const area = findArea((await searchParams).area ?? "");
  const { t } = await getTranslator(placeholderMessages);
  const { t: shell } = await getTranslator(shellMessages);
  const role = shell(`role.${user.role}`);
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-xl font-semibold">{t("forbidden.title")}</h1>
      <Notice
        tone="error"
        title={
          area
            ? t("forbidden.cannotOpenArea", { role, area: shell(`area.${area.key}`) })
            : t("forbidden.cannotOpenPage", { role })
        }
      >
        {t("forbidden.askAdmin")}
      </Notice>
      <Link href="/inbox" className="text-sm text-brand-700 underline">
        {t("forbidden.backToInbox")}
      </Link>
    </div>
  );
}
