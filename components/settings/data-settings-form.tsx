"use client";

import { useState, type FormEvent } from "react";
import { saveDataSettings } from "@/app/(app)/settings/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { commonMessages } from "@/lib/i18n/messages/common";
import { settingsMessages } from "@/lib/i18n/messages/settings";
import { dataSettingsSchema, type DataSettingsInput } from "@/lib/settings/data-settings-input";
import { fieldErrorsFrom } from "@/lib/validation/field-errors";

type Values = Record<keyof DataSettingsInput, string>;

/** Settings → Data and consent: retention, and the checkout's SMS consent wording in each language. */
export function DataSettingsForm({ initial, canEdit }: { initial: DataSettingsInput; canEdit: boolean }) {
  const [values, setValues] = useState<Values>({
    retentionMonths: initial.retentionMonths === null ? "" : String(initial.retentionMonths),
    smsConsentWordingEn: initial.smsConsentWordingEn,
    smsConsentWordingFr: initial.smsConsentWordingFr,
  });
  const { run, pending, fieldErrors, setFieldErrors, message, setMessage } = useServerAction(saveDataSettings);
  const { t, locale } = useTranslator(settingsMessages);
  const { t: common } = useTranslator(commonMessages);
  const set = (id: keyof Values) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [id]: event.target.value }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const checked = dataSettingsSchema.safeParse(values);
    if (!checked.success) {
      setFieldErrors(fieldErrorsFrom(checked.error.issues, locale));
      setMessage({ tone: "error", text: common("someFieldsNeedFixing") });
      return;
    }
    run(checked.data, () => t("data.saved"));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-5">
      <fieldset disabled={!canEdit || pending} className="space-y-5">
        <TextField
          id="retentionMonths"
          label={t("data.retentionMonths")}
          hint={t("data.retentionMonthsHint")}
          inputMode="numeric"
          value={values.retentionMonths}
          errors={fieldErrors.retentionMonths}
          onChange={set("retentionMonths")}
        />
        <TextField
          id="smsConsentWordingEn"
          label={t("data.smsConsentWordingEn")}
          hint={t("data.smsConsentWordingHint")}
          value={values.smsConsentWordingEn}
          errors={fieldErrors.smsConsentWordingEn}
          onChange={set("smsConsentWordingEn")}
        />
        <TextField
          id="smsConsentWordingFr"
          label={t("data.smsConsentWordingFr")}
          hint={t("data.smsConsentWordingHint")}
          value={values.smsConsentWordingFr}
          errors={fieldErrors.smsConsentWordingFr}
          onChange={set("smsConsentWordingFr")}
        />
      </fieldset>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      {canEdit && (
        <Button type="submit" pending={pending}>
          {pending ? common("saving") : t("data.save")}
        </Button>
      )}
    </form>
  );
}
