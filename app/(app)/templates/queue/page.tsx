import type { Metadata } from "next";
import Link from "next/link";
import { DiffView } from "@/components/templates/diff-view";
import { ReviewForm } from "@/components/templates/review-form";
import { VoiceWarnings } from "@/components/templates/voice-warnings";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/require-access";
import { formatDateTime } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { templateMessages } from "@/lib/i18n/messages/templates";
import { lineDiff } from "@/lib/templates/line-diff";
import { listApprovalQueue } from "@/lib/templates/template-versions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator(templateMessages);
  return { title: t("queueTitle") };
}

export default async function ApprovalQueuePage() {
  const user = await requireArea("templates");
  const { t, locale } = await getTranslator(templateMessages);
  const [queue, timeZone] = await Promise.all([listApprovalQueue(), viewerTimeZone()]);
  const canApprove = can(user.role, "templates.approve");
  return (
    <>
      <Link href="/templates" className="text-xs text-brand-700 underline">
        {t("back")}
      </Link>
      <PageHeader title={t("queueTitle")} description={t("queueDescription")} />
      {!canApprove && <Notice>{t("cannotApprove")}</Notice>}
      {queue.length === 0 && <Notice>{t("queueEmpty")}</Notice>}
      <ol className="space-y-6">
        {queue.map((version) => (
          <li
            key={version.id}
            data-testid="queued-version"
            className="space-y-3 rounded-lg border border-stone-200 bg-white p-4"
          >
            <div>
              <h2 className="font-semibold">
                <Link href={`/templates/${version.template.id}`} className="underline">
                  {version.template.name}
                </Link>
              </h2>
              <p className="text-xs text-stone-600">
                {t("proposedBy", {
                  number: version.number,
                  name: version.author ?? t("unknownAuthor"),
                  time: formatDateTime(version.createdAt, locale, timeZone),
                })}{" "}
                · {t(`channel_${version.template.channel}`)} · {version.template.locale.toUpperCase()}
              </p>
            </div>
            <p className="text-xs font-medium text-stone-600">
              {version.approved ? t("changesAgainst", { number: version.approved.number }) : t("firstVersion")}
            </p>
            {version.subject !== (version.approved?.subject ?? null) && (
              <p className="text-sm">
                {t("subjectChange", { before: version.approved?.subject ?? "—", after: version.subject ?? "—" })}
              </p>
            )}
            <DiffView parts={lineDiff(version.approved?.body ?? "", version.body)} emptyText={t("noDifference")} />
            <VoiceWarnings
              text={version.body}
              subject={version.subject}
              preheader={version.preheader}
              locale={version.template.locale}
              channel={version.template.channel}
              purpose={version.template.kind === "canned_reply" ? "reply" : "template"}
              templateKey={version.template.key}
            />
            {canApprove && <ReviewForm versionId={version.id} isAdmin={user.role === "admin"} />}
          </li>
        ))}
      </ol>
    </>
  );
}
