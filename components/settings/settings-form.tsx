"use client";

import { useState, type FormEvent } from "react";
import { saveShopSettings } from "@/app/(app)/settings/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { formatDateTime } from "@/lib/i18n/format";
import { useViewerTimeZone } from "@/components/i18n/time-zone-provider";
import { commonMessages } from "@/lib/i18n/messages/common";
import { settingsMessages } from "@/lib/i18n/messages/settings";
import { fieldErrorsFrom } from "@/lib/validation/field-errors";
import { LOCALE_LABELS, LOCALES, shopSettingsSchema, type ShopSettingsInput } from "@/lib/settings/shop-settings-input";

type Props = {
  initial: (ShopSettingsInput & { updatedAt: string }) | null;
  timeZones: string[];
  canEdit: boolean;
};

const EMPTY: ShopSettingsInput = {
  shopName: "",
  founderName: "",
  founderSignature: "",
  senderEmail: "",
  timeZone: "Europe/Paris",
  defaultLocale: "en",
  reviewUrl: "",
};

export function SettingsForm({ initial, timeZones, canEdit }: Props) {
  const { t, locale } = useTranslator(settingsMessages);
  const { t: common } = useTranslator(commonMessages);
  const viewerZone = useViewerTimeZone();
  const [values, setValues] = useState<ShopSettingsInput>(initial ?? EMPTY);
  const {
    run,
    pending,
    fieldErrors: errors,
    setFieldErrors: setErrors,
    message: status,
    setMessage: setStatus,
  } = useServerAction(saveShopSettings);

  const set = (field: keyof ShopSettingsInput) => (event: { target: { value: string } }) => {
    setValues((current) => ({ ...current, [field]: event.target.value }));
    setErrors((current) => ({ ...current, [field]: [] }));
  };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setStatus(null);
    const checked = shopSettingsSchema.safeParse(values);
    if (!checked.success) {
      setErrors(fieldErrorsFrom(checked.error.issues, locale));
      setStatus({ tone: "error", text: common("someFieldsNeedFixing") });
      return;
    }
    run(values, (saved) => {
      setValues(saved);
      return t("shop.saved");
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-5">
      {!initial && (
        <Notice tone="info" title={t("shop.setUpTitle")}>
          {t("shop.setUpBody")}
        </Notice>
      )}
      {!canEdit && <Notice tone="info">{t("shop.readOnly")}</Notice>}
      <fieldset disabled={!canEdit || pending} className="space-y-5">
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            id="shopName"
            label={t("shop.shopName")}
            value={values.shopName}
            onChange={set("shopName")}
            errors={errors.shopName}
          />
          <TextField
            id="founderName"
            label={t("shop.founderName")}
            hint={t("shop.founderNameHint")}
            value={values.founderName}
            onChange={set("founderName")}
            errors={errors.founderName}
          />
        </div>
        <TextAreaField
          id="founderSignature"
          label={t("shop.signature")}
          rows={3}
          hint={t("shop.signatureHint")}
          value={values.founderSignature}
          onChange={set("founderSignature")}
          errors={errors.founderSignature}
        />
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            id="senderEmail"
            label={t("shop.senderEmail")}
            type="email"
            value={values.senderEmail}
            onChange={set("senderEmail")}
            errors={errors.senderEmail}
          />
          <TextField
            id="reviewUrl"
            label={t("shop.reviewUrl")}
            type="url"
            placeholder="https://"
            value={values.reviewUrl}
            onChange={set("reviewUrl")}
            errors={errors.reviewUrl}
          />
        </div>
        <div className="grid gap-5 sm:grid-cols-2">
          <SelectField
            id="timeZone"
            label={t("shop.timeZone")}
            hint={t("shop.timeZoneHint")}
            value={values.timeZone}
            onChange={set("timeZone")}
            errors={errors.timeZone}
          >
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="defaultLocale"
            label={t("shop.defaultLanguage")}
            value={values.defaultLocale}
            onChange={set("defaultLocale")}
            errors={errors.defaultLocale}
          >
            {LOCALES.map((locale) => (
              <option key={locale} value={locale}>
                {LOCALE_LABELS[locale]}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>
      {status && <Notice tone={status.tone}>{status.text}</Notice>}
      {canEdit && (
        <Button type="submit" pending={pending}>
          {pending ? common("saving") : t("shop.save")}
        </Button>
      )}
      {initial && (
        <p className="text-xs text-stone-500">
          {t("shop.lastSaved", { date: formatDateTime(initial.updatedAt, locale, viewerZone) })}
        </p>
      )}
    </form>
  );
}
