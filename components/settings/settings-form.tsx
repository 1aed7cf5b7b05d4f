"use client";

import { useState, type FormEvent } from "react";
import { saveShopSettings } from "@/app/(app)/settings/actions";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { fieldErrorsFrom } from "@/lib/validation/field-errors";
import { LOCALE_LABELS, LOCALES, shopSettingsSchema, type ShopSettingsInput } from "@/lib/settings/shop-settings-input";

type Props = {
  initial: (ShopSettingsInput & { updatedAt: string }) | null;
  timeZones: string[];
  canEdit: boolean;
};

const EMPTY: ShopSettingsInput = { shopName: "", founderName: "", founderSignature: "", senderEmail: "", timeZone: "Europe/Paris", defaultLocale: "en", reviewUrl: "" };

export function SettingsForm({ initial, timeZones, canEdit }: Props) {
  const [values, setValues] = useState<ShopSettingsInput>(initial ?? EMPTY);
  const { run, pending, fieldErrors: errors, setFieldErrors: setErrors, message: status, setMessage: setStatus } = useServerAction(saveShopSettings);

  const set = (field: keyof ShopSettingsInput) => (event: { target: { value: string } }) => {
    setValues((current) => ({ ...current, [field]: event.target.value }));
    setErrors((current) => ({ ...current, [field]: [] }));
  };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setStatus(null);
    const checked = shopSettingsSchema.safeParse(values);
    if (!checked.success) {
      setErrors(fieldErrorsFrom(checked.error.issues));
      setStatus({ tone: "error", text: "Some fields need fixing." });
      return;
    }
    run(values, (saved) => {
      setValues(saved);
      return "Settings saved.";
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-5">
      {!initial && <Notice tone="info" title="Set up your shop">These details sign every message the customers get.</Notice>}
      {!canEdit && <Notice tone="info">You can read these settings; only a founder or an admin can change them.</Notice>}
      <fieldset disabled={!canEdit || pending} className="space-y-5">
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField id="shopName" label="Shop name" value={values.shopName} onChange={set("shopName")} errors={errors.shopName} />
          <TextField id="founderName" label="Founder's name" hint="Messages are written in this person's first-person voice." value={values.founderName} onChange={set("founderName")} errors={errors.founderName} />
        </div>
        <TextAreaField id="founderSignature" label="Signature" rows={3} hint="Shown at the end of every email, as the founder signs it." value={values.founderSignature} onChange={set("founderSignature")} errors={errors.founderSignature} />
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField id="senderEmail" label="Sender address" type="email" value={values.senderEmail} onChange={set("senderEmail")} errors={errors.senderEmail} />
          <TextField id="reviewUrl" label="Review page URL" type="url" placeholder="https://" value={values.reviewUrl} onChange={set("reviewUrl")} errors={errors.reviewUrl} />
        </div>
        <div className="grid gap-5 sm:grid-cols-2">
          <SelectField id="timeZone" label="Time zone" hint="No SMS goes out at night in the customer's zone; this one is used when theirs is unknown." value={values.timeZone} onChange={set("timeZone")} errors={errors.timeZone}>
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </SelectField>
          <SelectField id="defaultLocale" label="Default language" value={values.defaultLocale} onChange={set("defaultLocale")} errors={errors.defaultLocale}>
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
          {pending ? "Saving…" : "Save settings"}
        </Button>
      )}
      {initial && <p className="text-xs text-stone-500">Last saved {new Date(initial.updatedAt).toLocaleString()}.</p>}
    </form>
  );
}
