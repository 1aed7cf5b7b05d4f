"use client";

import { useState, type FormEvent } from "react";
import { saveMetaHumanAgentAction, sendMetaTestAction } from "@/app/(app)/connections/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { connectionsMessages } from "@/lib/i18n/messages/connections";
import { metaTestSchema } from "@/lib/meta/meta-channel-settings-input";
import { fieldErrorsFrom } from "@/lib/validation/field-errors";

/** Meta's card on Connections: the Human Agent permission, and a test message through the Send API. */
export function MetaChannelPanel({ humanAgent, configured }: { humanAgent: boolean; configured: boolean }) {
  const { t, locale } = useTranslator(connectionsMessages);
  const [allowed, setAllowed] = useState(humanAgent);
  const [recipientId, setRecipientId] = useState("");
  const saving = useServerAction(saveMetaHumanAgentAction);
  const testing = useServerAction(sendMetaTestAction);

  function onTest(event: FormEvent) {
    event.preventDefault();
    const checked = metaTestSchema.safeParse({ recipientId });
    if (!checked.success) return testing.setFieldErrors(fieldErrorsFrom(checked.error.issues, locale));
    testing.run(checked.data, ({ messageId }) => t("meta.sent", { messageId }));
  }

  return (
    <div className="mt-3 space-y-4 text-sm">
      <div className="space-y-1">
        <label className="flex items-start gap-2">
          <input
            type="checkbox"
            className="mt-1"
            checked={allowed}
            disabled={saving.pending}
            onChange={(event) => {
              const next = event.target.checked;
              setAllowed(next);
              saving.run({ allowed: next }, () => t("meta.humanAgentSaved"));
            }}
          />
          <span>
            {t("meta.humanAgent")}
            <span className="block text-xs text-stone-600">{t("meta.humanAgentHint")}</span>
          </span>
        </label>
        {saving.message && <Notice tone={saving.message.tone}>{saving.message.text}</Notice>}
      </div>
      {configured && (
        <form onSubmit={onTest} noValidate className="max-w-md space-y-2" aria-label={t("meta.testTitle")}>
          <h3 className="font-medium">{t("meta.testTitle")}</h3>
          <p className="text-xs text-stone-600">{t("meta.testHint")}</p>
          <TextField
            id="recipientId"
            label={t("meta.recipientId")}
            inputMode="numeric"
            value={recipientId}
            errors={testing.fieldErrors.recipientId}
            onChange={(event) => setRecipientId(event.target.value)}
          />
          <Button type="submit" variant="secondary" pending={testing.pending}>
            {t("meta.send")}
          </Button>
          {testing.message && <Notice tone={testing.message.tone}>{testing.message.text}</Notice>}
        </form>
      )}
    </div>
  );
}
