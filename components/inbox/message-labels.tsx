"use client";

import { useState } from "react";
import { correctLabelsAction } from "@/app/(app)/inbox/[conversationId]/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import {
  FRICTION_HINTS,
  INTENTS,
  SENTIMENTS,
  type FrictionHint,
  type Intent,
  type Sentiment,
} from "@/lib/classification/classification";
import { commonMessages } from "@/lib/i18n/messages/common";
import { inboxMessages } from "@/lib/i18n/messages/inbox";

type Labels = { intent: Intent; sentiment: Sentiment; frictionHint: FrictionHint | null };

/** A reply's labels, and the agent's way to correct them (kept with the message, counted in Reports). */
export function MessageLabels({
  messageId,
  labels,
  corrected,
  unsure,
}: {
  messageId: string;
  labels: Labels;
  corrected: boolean;
  unsure: boolean;
}) {
  const { t } = useTranslator(inboxMessages);
  const { t: common } = useTranslator(commonMessages);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Labels>(labels);
  const action = useServerAction(correctLabelsAction);
  const select = "rounded border border-stone-300 bg-white px-1 py-0.5 text-xs";

  if (!editing) {
    return (
      <>
        <span className="rounded bg-sky-50 px-1.5 text-sky-800" data-testid="message-intent">
          {t(`intent_${labels.intent}`)}
        </span>
        <span className="rounded bg-stone-100 px-1.5">{t(`sentiment_${labels.sentiment}`)}</span>
        {labels.frictionHint && (
          <span className="rounded bg-orange-50 px-1.5 text-orange-800">
            {t("frictionHint", { hint: t(`friction_${labels.frictionHint}`) })}
          </span>
        )}
        {unsure && !corrected && <span className="rounded bg-amber-50 px-1.5 text-amber-800">{t("labelsUnsure")}</span>}
        {corrected && <span className="text-stone-500">{t("labelsCorrected")}</span>}
        <button type="button" className="underline" onClick={() => setEditing(true)}>
          {t("correctLabels")}
        </button>
      </>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-2" role="group" aria-label={t("correctLabels")}>
      {action.message && <Notice tone={action.message.tone}>{action.message.text}</Notice>}
      <label className="inline-flex items-center gap-1">
        {t("labelIntent")}
        <select
          className={select}
          value={draft.intent}
          onChange={(e) =>
            setDraft({
              ...draft,
              intent: e.target.value as Intent,
              frictionHint: e.target.value === "problem" ? (draft.frictionHint ?? "other") : null,
            })
          }
        >
          {INTENTS.map((intent) => (
            <option key={intent} value={intent}>
              {t(`intent_${intent}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-flex items-center gap-1">
        {t("labelSentiment")}
        <select
          className={select}
          value={draft.sentiment}
          onChange={(e) => setDraft({ ...draft, sentiment: e.target.value as Sentiment })}
        >
          {SENTIMENTS.map((sentiment) => (
            <option key={sentiment} value={sentiment}>
              {t(`sentiment_${sentiment}`)}
            </option>
          ))}
        </select>
      </label>
      {draft.intent === "problem" && (
        <label className="inline-flex items-center gap-1">
          {t("labelFriction")}
          <select
            className={select}
            value={draft.frictionHint ?? "other"}
            onChange={(e) => setDraft({ ...draft, frictionHint: e.target.value as FrictionHint })}
          >
            {FRICTION_HINTS.map((hint) => (
              <option key={hint} value={hint}>
                {t(`friction_${hint}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <Button
        className="px-2 py-0.5 text-xs"
        pending={action.pending}
        onClick={() => action.run({ messageId, ...draft }, () => setEditing(false))}
      >
        {t("saveLabels")}
      </Button>
      <Button variant="secondary" className="px-2 py-0.5 text-xs" onClick={() => setEditing(false)}>
        {common("cancel")}
      </Button>
    </span>
  );
}
