"use client";

import { useState, type FormEvent } from "react";
import { saveFlowSettings } from "@/app/(app)/settings/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { commonMessages } from "@/lib/i18n/messages/common";
import { settingsMessages } from "@/lib/i18n/messages/settings";
import { BUSINESS_DAYS } from "@/lib/settings/business-hours";
import { flowSettingsSchema, type FlowSettingsInput } from "@/lib/settings/flow-settings-input";
import { fieldErrorsFrom } from "@/lib/validation/field-errors";

// In form order; each field's label and hint are "timing.<id>" and "timing.<id>Hint".
const NUMBER_FIELDS = [
  "abandonAfterMinutes",
  "abandonedHelpDelayMinutes",
  "postDeliveryCheckInDays",
  "postDeliveryReviewDays",
  "postDeliveryReminderDays",
  "smsReviewDelayDays",
  "smsWindowStartHour",
  "smsWindowEndHour",
  "reviewPauseMaxDays",
  "undoSendSeconds",
  "businessStartHour",
  "businessEndHour",
  "highValueCartThreshold",
] as const;
const FIELDS = [
  ...NUMBER_FIELDS,
  "highValueCartCurrency",
  "day5EmailWithSms",
  "businessDays",
] as const satisfies readonly (keyof FlowSettingsInput)[];

export function FlowSettingsForm({ initial, canEdit }: { initial: FlowSettingsInput; canEdit: boolean }) {
  const [values, setValues] = useState<Record<keyof FlowSettingsInput, string>>(
    () =>
      Object.fromEntries(FIELDS.map((id) => [id, String(initial[id] ?? "")])) as Record<
        keyof FlowSettingsInput,
        string
      >,
  );
  const { run, pending, fieldErrors, setFieldErrors, message, setMessage } = useServerAction(saveFlowSettings);
  const { t, locale } = useTranslator(settingsMessages);
  const { t: common } = useTranslator(commonMessages);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const checked = flowSettingsSchema.safeParse(values);
    if (!checked.success) {
      setFieldErrors(fieldErrorsFrom(checked.error.issues, locale));
      setMessage({ tone: "error", text: common("someFieldsNeedFixing") });
      return;
    }
    run(checked.data, () => t("timing.saved"));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-5">
      <fieldset disabled={!canEdit || pending} className="grid gap-5 sm:grid-cols-2">
        {NUMBER_FIELDS.map((id) => (
          <TextField
            key={id}
            id={id}
            label={t(`timing.${id}`)}
            hint={t(`timing.${id}Hint`)}
            inputMode={id === "highValueCartThreshold" ? "decimal" : "numeric"}
            value={values[id]}
            errors={fieldErrors[id]}
            onChange={(event) => setValues((current) => ({ ...current, [id]: event.target.value }))}
          />
        ))}
        <TextField
          id="highValueCartCurrency"
          label={t("timing.highValueCartCurrency")}
          hint={t("timing.highValueCartCurrencyHint")}
          maxLength={3}
          value={values.highValueCartCurrency}
          errors={fieldErrors.highValueCartCurrency}
          onChange={(event) => setValues((current) => ({ ...current, highValueCartCurrency: event.target.value }))}
        />
        <SelectField
          id="day5EmailWithSms"
          label={t("timing.day5EmailWithSms")}
          hint={t("timing.day5EmailWithSmsHint")}
          value={values.day5EmailWithSms}
          errors={fieldErrors.day5EmailWithSms}
          onChange={(event) => setValues((current) => ({ ...current, day5EmailWithSms: event.target.value }))}
        >
          <option value="skip">{t("timing.day5EmailWithSms.skip")}</option>
          <option value="check_in">{t("timing.day5EmailWithSms.check_in")}</option>
        </SelectField>
        <SelectField
          id="businessDays"
          label={t("timing.businessDays")}
          hint={t("timing.businessDaysHint")}
          value={values.businessDays}
          errors={fieldErrors.businessDays}
          onChange={(event) => setValues((current) => ({ ...current, businessDays: event.target.value }))}
        >
          {BUSINESS_DAYS.map((days) => (
            <option key={days} value={days}>
              {t(`timing.businessDays.${days}`)}
            </option>
          ))}
        </SelectField>
      </fieldset>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      {canEdit && (
        <Button type="submit" pending={pending}>
          {pending ? common("saving") : t("timing.save")}
        </Button>
      )}
    </form>
  );
}
