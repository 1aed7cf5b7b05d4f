"use client";

import { useState, type FormEvent } from "react";
import { saveFlowSettings } from "@/app/(app)/settings/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { flowSettingsSchema, type FlowSettingsInput } from "@/lib/settings/flow-settings-input";
import { fieldErrorsFrom } from "@/lib/validation/field-errors";

const FIELDS: { id: keyof FlowSettingsInput; label: string; hint: string }[] = [
  { id: "abandonAfterMinutes", label: "Checkout abandoned after (minutes)", hint: "Idle this long with no order." },
  { id: "abandonedHelpDelayMinutes", label: "Help email after abandonment (minutes)", hint: "The founder's troubleshooting email." },
  { id: "postDeliveryCheckInDays", label: "Email check-in (days after delivery)", hint: "No review request in this one." },
  { id: "postDeliveryReviewDays", label: "Email review request (days after delivery)", hint: "Paused while a problem is open." },
  { id: "postDeliveryReminderDays", label: "Email last reminder (days after delivery)", hint: "Only if no review and no reply." },
  { id: "smsReviewDelayDays", label: "SMS review request (days after delivery)", hint: "A product category can set its own." },
  { id: "smsWindowStartHour", label: "SMS from (hour, customer's time)", hint: "Never at night." },
  { id: "smsWindowEndHour", label: "SMS until (hour, customer's time)", hint: "A send outside the window waits." },
];

export function FlowSettingsForm({ initial, canEdit }: { initial: FlowSettingsInput; canEdit: boolean }) {
  const [values, setValues] = useState<Record<keyof FlowSettingsInput, string>>(() => Object.fromEntries(FIELDS.map(({ id }) => [id, String(initial[id])])) as Record<keyof FlowSettingsInput, string>);
  const { run, pending, fieldErrors, setFieldErrors, message, setMessage } = useServerAction(saveFlowSettings);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const checked = flowSettingsSchema.safeParse(values);
    if (!checked.success) {
      setFieldErrors(fieldErrorsFrom(checked.error.issues));
      setMessage({ tone: "error", text: "Some fields need fixing." });
      return;
    }
    run(checked.data, () => "Timing saved. It applies to messages scheduled from now on.");
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-5">
      <fieldset disabled={!canEdit || pending} className="grid gap-5 sm:grid-cols-2">
        {FIELDS.map(({ id, label, hint }) => (
          <TextField key={id} id={id} label={label} hint={hint} inputMode="numeric" value={values[id]} errors={fieldErrors[id]} onChange={(event) => setValues((current) => ({ ...current, [id]: event.target.value }))} />
        ))}
      </fieldset>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      {canEdit && (
        <Button type="submit" pending={pending}>
          {pending ? "Saving…" : "Save timing"}
        </Button>
      )}
    </form>
  );
}
