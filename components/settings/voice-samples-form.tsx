"use client";

import { useRef, useState, type FormEvent } from "react";
import { saveVoiceSamplesAction } from "@/app/(app)/settings/voice-actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { commonMessages } from "@/lib/i18n/messages/common";
import { voiceMessages } from "@/lib/i18n/messages/voice";

// The same limits as lib/settings/update-voice-samples.ts, which checks them on the server.
const MAX_SAMPLES = 5;
const MIN_CHARACTERS = 20;
const MAX_CHARACTERS = 2000;

type Sample = { key: number; text: string };

/** The founder's writing samples: up to five texts AI drafts copy the voice from. */
export function VoiceSamplesForm({
  initial,
  canEdit,
  aiConfigured,
}: {
  initial: string[];
  canEdit: boolean;
  aiConfigured: boolean;
}) {
  const { t } = useTranslator(voiceMessages);
  const { t: common } = useTranslator(commonMessages);
  const nextKey = useRef(initial.length);
  const [samples, setSamples] = useState<Sample[]>(() => initial.map((text, key) => ({ key, text })));
  const [confirming, setConfirming] = useState<number | null>(null);
  const { run, pending, fieldErrors, setFieldErrors, message } = useServerAction(saveVoiceSamplesAction);

  function add() {
    setSamples((current) => [...current, { key: nextKey.current++, text: "" }]);
    setFieldErrors({});
  }

  function remove(key: number) {
    setSamples((current) => current.filter((sample) => sample.key !== key));
    setConfirming(null);
    setFieldErrors({}); // errors are by position, which just moved
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    run({ samples: samples.map((sample) => sample.text) }, (saved) => {
      setSamples(saved.samples.map((text) => ({ key: nextKey.current++, text })));
      return t("saved");
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-4">
      {!aiConfigured && <Notice tone="info">{t("aiOff")}</Notice>}
      {samples.length === 0 && <p className="text-sm text-stone-500">{t("none")}</p>}
      <fieldset disabled={!canEdit || pending} className="space-y-4">
        {samples.map((sample, index) => {
          const number = index + 1;
          const id = `voiceSample${number}`;
          return (
            <div key={sample.key} className="space-y-2" data-testid={`voice-sample-${number}`}>
              <TextAreaField
                id={id}
                label={t("sampleLabel", { number })}
                hint={t("sampleHint", { count: sample.text.trim().length, min: MIN_CHARACTERS, max: MAX_CHARACTERS })}
                rows={5}
                value={sample.text}
                errors={fieldErrors[`samples.${index}`]}
                onChange={(event) =>
                  setSamples((current) =>
                    current.map((s) => (s.key === sample.key ? { ...s, text: event.target.value } : s)),
                  )
                }
              />
              {canEdit &&
                (confirming === sample.key ? (
                  <span className="inline-flex flex-wrap items-center gap-2">
                    <span className="text-xs">{t("removeWarning", { number })}</span>
                    <Button type="button" variant="danger" onClick={() => remove(sample.key)}>
                      {t("remove")}
                    </Button>
                    <Button type="button" variant="secondary" onClick={() => setConfirming(null)}>
                      {common("cancel")}
                    </Button>
                  </span>
                ) : (
                  <Button
                    type="button"
                    variant="secondary"
                    onClick={() => setConfirming(sample.key)}
                    aria-label={t("removeLabel", { number })}
                  >
                    {t("removeAsk")}
                  </Button>
                ))}
            </div>
          );
        })}
      </fieldset>
      {fieldErrors.samples?.map((error) => (
        <p key={error} className="text-xs text-red-700" role="alert">
          {error}
        </p>
      ))}
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      {canEdit && (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="button" variant="secondary" onClick={add} disabled={pending || samples.length >= MAX_SAMPLES}>
            {t("add")}
          </Button>
          <Button type="submit" pending={pending}>
            {pending ? common("saving") : t("save")}
          </Button>
          {samples.length >= MAX_SAMPLES && (
            <span className="text-xs text-stone-500">{t("limit", { max: MAX_SAMPLES })}</span>
          )}
        </div>
      )}
    </form>
  );
}
