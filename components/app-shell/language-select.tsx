"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { saveOwnLocaleAction } from "@/app/(app)/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { useServerAction } from "@/components/ui/use-server-action";
import { LOCALE_CHOICES, LOCALE_NAMES, type LocaleChoice } from "@/lib/i18n/locale-choice";
import { shellMessages } from "@/lib/i18n/messages/shell";

/** The user's own language: saved, then the whole page renders again in it. */
export function LanguageSelect({ choice }: { choice: LocaleChoice }) {
  const router = useRouter();
  const { t } = useTranslator(shellMessages);
  const { run, pending, message } = useServerAction(saveOwnLocaleAction);
  // Shown at once; a failure puts the saved choice back.
  const [selected, setSelected] = useState(choice);

  function onChange(next: LocaleChoice) {
    setSelected(next);
    run({ locale: next }, () => router.refresh());
  }

  return (
    <div className="text-xs">
      <label htmlFor="ui-language" className="block text-stone-500">
        {t("language")}
      </label>
      <select
        id="ui-language"
        value={message?.tone === "error" ? choice : selected}
        disabled={pending}
        onChange={(event) => onChange(event.target.value as LocaleChoice)}
        className="mt-1 w-full rounded-md border border-stone-300 bg-white px-2 py-1 text-xs"
      >
        {LOCALE_CHOICES.map((option) => (
          <option key={option} value={option}>
            {option === "auto" ? t("languageAuto") : LOCALE_NAMES[option]}
          </option>
        ))}
      </select>
      {message?.tone === "error" && (
        <p role="alert" className="mt-1 text-red-700">
          {message.text}
        </p>
      )}
    </div>
  );
}
