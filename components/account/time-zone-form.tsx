"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { saveOwnTimeZoneAction } from "@/app/(app)/account/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { accountMessages } from "@/lib/i18n/messages/account";

/** The user's own time zone: "auto" (the browser's) or one they pick; the page renders again in it. */
export function TimeZoneForm({
  choice,
  browserZone,
  timeZones,
}: {
  choice: string;
  browserZone: string;
  timeZones: string[];
}) {
  const router = useRouter();
  const { t } = useTranslator(accountMessages);
  const { run, pending, fieldErrors, message } = useServerAction(saveOwnTimeZoneAction);
  const [selected, setSelected] = useState(choice);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    run({ timeZone: selected }, (saved) => {
      router.refresh();
      return t("timeZoneSaved", { zone: saved === "auto" ? browserZone : saved });
    });
  }

  return (
    <section aria-labelledby="time-zone-title" className="rounded-lg border border-stone-200 bg-white p-5">
      <h2 id="time-zone-title" className="text-sm font-semibold">
        {t("timeZoneTitle")}
      </h2>
      <p className="mt-1 text-xs text-stone-600">{t("timeZoneIntro")}</p>
      <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
        {message && <Notice tone={message.tone}>{message.text}</Notice>}
        <SelectField
          id="timeZone"
          label={t("timeZoneLabel")}
          value={selected}
          onChange={(event) => setSelected(event.target.value)}
          errors={fieldErrors.timeZone}
        >
          <option value="auto">{t("timeZoneAuto", { zone: browserZone })}</option>
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </SelectField>
        <Button type="submit" pending={pending}>
          {t("timeZoneSave")}
        </Button>
      </form>
    </section>
  );
}
