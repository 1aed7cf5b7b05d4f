"use client";

import { useState } from "react";
import { reviewSuggestionAction } from "@/app/(app)/reports/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { reportMessages } from "@/lib/i18n/messages/reports";
import { plural } from "@/lib/i18n/numbers";

type Suggestion = { id: string; name: string; suggestedBy: string | null; marks: number };

/** The categories agents suggested, for a manager to confirm (into the report) or reject. */
export function SuggestedCategories({ suggestions }: { suggestions: Suggestion[] }) {
  const { t, locale } = useTranslator(reportMessages);
  const review = useServerAction(reviewSuggestionAction);
  const [acting, setActing] = useState<string | null>(null);
  function decide(suggestion: Suggestion, decision: "confirm" | "reject") {
    setActing(suggestion.id);
    review.run({ categoryId: suggestion.id, decision }, () =>
      t(decision === "confirm" ? "suggestionConfirmed" : "suggestionRejected", { category: suggestion.name }),
    );
  }
  // Mounted for every manager, so the outcome of the last decision stays in view.
  if (suggestions.length === 0)
    return review.message ? <Notice tone={review.message.tone}>{review.message.text}</Notice> : null;
  return (
    <section
      aria-labelledby="suggestions-title"
      className="space-y-2 rounded-lg border border-amber-200 bg-amber-50/50 p-4"
      data-testid="suggested-categories"
    >
      <h3 id="suggestions-title" className="text-sm font-semibold">
        {t("suggestionsTitle")}
      </h3>
      <p className="text-xs text-stone-600">{t("suggestionsHelp")}</p>
      <ul className="divide-y divide-amber-100">
        {suggestions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center gap-2 py-2 text-sm" data-testid="suggested-category">
            <span className="font-medium">{s.name}</span>
            <span className="text-xs text-stone-600">
              {s.suggestedBy
                ? t("suggestionBy", {
                    name: s.suggestedBy,
                    conversations: t(plural(locale, s.marks, "suggestionConversations"), { count: s.marks }),
                  })
                : t(plural(locale, s.marks, "suggestionConversations"), { count: s.marks })}
            </span>
            <span className="ml-auto flex gap-2">
              <Button
                type="button"
                pending={review.pending && acting === s.id}
                disabled={review.pending}
                onClick={() => decide(s, "confirm")}
              >
                {t("confirmSuggestion")}
              </Button>
              <Button type="button" variant="secondary" disabled={review.pending} onClick={() => decide(s, "reject")}>
                {t("rejectSuggestion")}
              </Button>
            </span>
          </li>
        ))}
      </ul>
      {review.message && <Notice tone={review.message.tone}>{review.message.text}</Notice>}
    </section>
  );
}
