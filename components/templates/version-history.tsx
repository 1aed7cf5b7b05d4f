"use client";

import { useMemo, useState } from "react";
import { submitDraftAction } from "@/app/(app)/templates/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { DiffView } from "@/components/templates/diff-view";
import { ReviewForm } from "@/components/templates/review-form";
import { useServerAction } from "@/components/ui/use-server-action";
import { formatDateTime } from "@/lib/i18n/format";
import { useViewerTimeZone } from "@/components/i18n/time-zone-provider";
import { templateMessages } from "@/lib/i18n/messages/templates";
import { lineDiff } from "@/lib/templates/line-diff";

type Version = {
  id: string;
  number: number;
  status: "draft" | "pending_approval" | "approved" | "rejected";
  subject: string | null;
  preheader: string | null;
  body: string;
  author: string | null;
  reviewer: string | null;
  reviewComment: string | null;
  createdAt: Date;
};

const asText = (v: Version) =>
  [v.subject && `Subject: ${v.subject}`, v.preheader && `Preheader: ${v.preheader}`, v.body]
    .filter(Boolean)
    .join("\n\n");

/** Every version with its author and review; compare any two; review the pending ones. */
export function VersionHistory({
  versions,
  approvedVersionId,
  canApprove,
  isAdmin,
}: {
  versions: Version[];
  approvedVersionId: string | null;
  canApprove: boolean;
  isAdmin: boolean;
}) {
  const { t, locale } = useTranslator(templateMessages);
  const timeZone = useViewerTimeZone();
  const submit = useServerAction(submitDraftAction);
  const [left, setLeft] = useState(versions[1]?.id ?? versions[0]?.id ?? "");
  const [right, setRight] = useState(versions[0]?.id ?? "");
  const diff = useMemo(() => {
    const a = versions.find((v) => v.id === left);
    const b = versions.find((v) => v.id === right);
    return a && b ? lineDiff(asText(a), asText(b)) : [];
  }, [versions, left, right]);
  const label = (v: Version) => `${t("versionLabel", { number: v.number })} · ${t(`status_${v.status}`)}`;

  return (
    <section aria-labelledby="history-title" className="space-y-4">
      <h2 id="history-title" className="text-base font-semibold">
        {t("historyTitle")}
      </h2>
      <ol className="space-y-2">
        {versions.map((v) => (
          <li key={v.id} data-testid="version" className="rounded-md border border-stone-200 bg-white p-3 text-sm">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{t("versionLabel", { number: v.number })}</span>
              <span className="rounded bg-stone-100 px-1.5 text-xs">{t(`status_${v.status}`)}</span>
              {v.id === approvedVersionId && (
                <span className="rounded bg-emerald-100 px-1.5 text-xs text-emerald-900">{t("currentlySent")}</span>
              )}
              <span className="text-xs text-stone-500">
                {t("by", { name: v.author ?? t("unknownAuthor") })} · {formatDateTime(v.createdAt, locale, timeZone)}
              </span>
            </p>
            {v.reviewer && (
              <p className="mt-1 text-xs text-stone-600">
                {v.reviewComment
                  ? t("reviewedBy", { status: t(`status_${v.status}`), name: v.reviewer, comment: v.reviewComment })
                  : t("reviewedByNoComment", { status: t(`status_${v.status}`), name: v.reviewer })}
              </p>
            )}
            {v.status === "draft" && (
              <button
                type="button"
                className="mt-1 text-xs text-brand-700 underline"
                disabled={submit.pending}
                onClick={() => submit.run({ versionId: v.id }, () => t("submitted", { number: v.number }))}
              >
                {t("submitDraft")}
              </button>
            )}
            {v.status === "pending_approval" && canApprove && (
              <div className="mt-2">
                <ReviewForm versionId={v.id} isAdmin={isAdmin} />
              </div>
            )}
          </li>
        ))}
      </ol>
      {submit.message && (
        <p className={`text-xs ${submit.message.tone === "error" ? "text-red-700" : "text-emerald-800"}`}>
          {submit.message.text}
        </p>
      )}
      {versions.length > 1 && (
        <div className="space-y-2">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <label htmlFor="compare-left">{t("compare")}</label>
            <select
              id="compare-left"
              value={left}
              onChange={(event) => setLeft(event.target.value)}
              className="rounded-md border border-stone-300 px-2 py-1"
            >
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {label(v)}
                </option>
              ))}
            </select>
            <label htmlFor="compare-right">{t("with")}</label>
            <select
              id="compare-right"
              value={right}
              onChange={(event) => setRight(event.target.value)}
              className="rounded-md border border-stone-300 px-2 py-1"
            >
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {label(v)}
                </option>
              ))}
            </select>
          </div>
          <DiffView parts={diff} emptyText={t("noDifference")} />
        </div>
      )}
    </section>
  );
}
