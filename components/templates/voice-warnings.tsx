"use client";

import { useMemo } from "react";
import { useTranslator } from "@/components/i18n/locale-provider";
import { templateMessages } from "@/lib/i18n/messages/templates";
import { checkVoice, type VoiceCheckInput } from "@/lib/templates/voice-check";

/** hideWhenClean: the composer shows hints only when there is something to say. */
type Props = Omit<VoiceCheckInput, "uiLocale"> & { hideWhenClean?: boolean };

/** The voice check's warnings: each names the rule, quotes the words and suggests a fix. Never blocking. */
export function VoiceWarnings(props: Props) {
  const { t, locale } = useTranslator(templateMessages);
  const { text, subject, preheader, locale: textLocale, channel, purpose, templateKey, appUrl } = props;
  const warnings = useMemo(
    () =>
      checkVoice({
        text,
        subject,
        preheader,
        locale: textLocale,
        channel,
        purpose,
        templateKey,
        uiLocale: locale,
        appUrl,
      }),
    [text, subject, preheader, textLocale, channel, purpose, templateKey, locale, appUrl],
  );
  if (props.hideWhenClean && warnings.length === 0) return null;
  return (
    <section aria-label={t("voiceTitle")} data-testid="voice-check" className="space-y-2">
      <h3 className="text-sm font-semibold">{t("voiceTitle")}</h3>
      {warnings.length === 0 ? (
        <p className="text-sm text-emerald-800">{t("voiceClean")}</p>
      ) : (
        <ul className="space-y-2">
          {warnings.map((warning, index) => (
            <li
              key={`${warning.rule}-${index}`}
              data-testid="voice-warning"
              data-rule={warning.rule}
              className="rounded-md border border-amber-200 bg-amber-50 p-2 text-sm text-amber-950"
            >
              <p className="font-medium">
                {warning.title}
                {warning.quote && <span className="font-normal"> · {t("voiceQuote", { quote: warning.quote })}</span>}
              </p>
              <p className="text-xs">{warning.suggestion}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
