"use client";

import { useState } from "react";
import { reviewVersionAction } from "@/app/(app)/templates/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { templateMessages } from "@/lib/i18n/messages/templates";

/** Approve or reject a pending version, with a comment (required to reject). */
export function ReviewForm({ versionId, isAdmin }: { versionId: string; isAdmin: boolean }) {
  const { t } = useTranslator(templateMessages);
  const review = useServerAction(reviewVersionAction);
  const [comment, setComment] = useState("");
  const [actingAsFounder, setActingAsFounder] = useState(false);
  const id = `review-comment-${versionId}`;
  function decide(decision: "approve" | "reject") {
    review.run({ versionId, decision, comment: comment || undefined, actingAsFounder }, () =>
      t(decision === "approve" ? "approved" : "rejected"),
    );
  }
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block text-xs font-medium text-stone-700">
        {t("reviewComment")}
      </label>
      <textarea
        id={id}
        rows={2}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        className="block w-full rounded-md border border-stone-300 px-3 py-2 text-sm"
      />
      {review.fieldErrors.comment && <p className="text-xs text-red-700">{review.fieldErrors.comment[0]}</p>}
      {isAdmin && (
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={actingAsFounder}
            onChange={(event) => setActingAsFounder(event.target.checked)}
          />
          {t("actingAsFounder")}
        </label>
      )}
      <div className="flex gap-2">
        <Button type="button" pending={review.pending} onClick={() => decide("approve")}>
          {t("approve")}
        </Button>
        <Button type="button" variant="secondary" disabled={review.pending} onClick={() => decide("reject")}>
          {t("reject")}
        </Button>
      </div>
      {review.message && <Notice tone={review.message.tone}>{review.message.text}</Notice>}
    </div>
  );
}
