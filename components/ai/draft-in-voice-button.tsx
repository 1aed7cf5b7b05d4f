"use client";

import { useId, useState, useTransition } from "react";
import { draftInVoiceAction } from "@/app/(app)/ai-actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import type { VoiceDraft } from "@/lib/ai/draft-in-voice";
import type { ActionResult } from "@/lib/auth/authorized-action";
import { commonMessages } from "@/lib/i18n/messages/common";
import { aiDraftMessages } from "@/lib/i18n/messages/voice";

type AiActionButtonProps<T> = {
  aiConfigured: boolean;
  label: string;
  doneText: string;
  request: () => Promise<ActionResult<T>>;
  onResult: (data: T) => void;
};

/**
 * A button that asks the server for an AI draft and hands it over for a person to edit. Without a
 * key it says how to enable AI; a failure is shown next to it, with a retry.
 */
export function AiActionButton<T>({ aiConfigured, label, doneText, request, onResult }: AiActionButtonProps<T>) {
  const { t } = useTranslator(aiDraftMessages);
  const { t: common } = useTranslator(commonMessages);
  const hintId = useId();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  function start() {
    setError(null);
    setDone(false);
    startTransition(async () => {
      try {
        const result = await request();
        // Invalid input (e.g. a text too long to rewrite): the field's own message says more.
        if (!result.ok) return setError(Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.error);
        onResult(result.data);
        setDone(true);
      } catch {
        setError(common("serverUnreachable"));
      }
    });
  }

  if (!aiConfigured) {
    return (
      <div className="flex flex-wrap items-center gap-2">
        {/* Focusable, so the explanation is read out; it does nothing. */}
        <Button
          type="button"
          variant="secondary"
          aria-disabled="true"
          aria-describedby={hintId}
          className="cursor-not-allowed opacity-60"
        >
          {label}
        </Button>
        <p id={hintId} className="max-w-md text-xs text-stone-500">
          {t("notConfigured")}
        </p>
      </div>
    );
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button type="button" variant="secondary" pending={pending} onClick={start}>
        {pending ? t("drafting") : label}
      </Button>
      {error && (
        <span role="alert" className="inline-flex flex-wrap items-center gap-2 text-sm text-red-700">
          {error}
          <Button type="button" variant="secondary" onClick={start} className="px-2 py-1 text-xs">
            {common("tryAgain")}
          </Button>
        </span>
      )}
      {done && !pending && (
        <span role="status" className="text-xs text-stone-600">
          {doneText}
        </span>
      )}
    </div>
  );
}

type Props = {
  aiConfigured: boolean;
  templateKey: string;
  channel: "email" | "sms";
  locale: "en" | "fr";
  /** The editor's text: when there is some, the draft rewrites it. */
  currentText?: string;
  currentSubject?: string | null;
  onDraft: (draft: VoiceDraft) => void;
};

/** "Draft in my voice": writes or rewrites a template from the founder's samples and the step's purpose. */
export function DraftInVoiceButton({
  aiConfigured,
  templateKey,
  channel,
  locale,
  currentText,
  currentSubject,
  onDraft,
}: Props) {
  const { t } = useTranslator(aiDraftMessages);
  return (
    <AiActionButton
      aiConfigured={aiConfigured}
      label={t("draftInVoice")}
      doneText={t("drafted")}
      request={() =>
        draftInVoiceAction({
          templateKey,
          channel,
          locale,
          currentText: currentText?.trim() ? currentText : undefined,
          subject: currentSubject ?? null,
        })
      }
      onResult={onDraft}
    />
  );
}
