"use client";

import { useState } from "react";
import { forwardAction } from "@/app/(app)/inbox/[conversationId]/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { inboxMessages } from "@/lib/i18n/messages/inbox";

/** Forward the conversation by email to an outside address (a carrier, a supplier), with a note. */
export function ForwardForm({ conversationId }: { conversationId: string }) {
  const { t } = useTranslator(inboxMessages);
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState("");
  const [note, setNote] = useState("");
  const forward = useServerAction(forwardAction);
  const [failure, setFailure] = useState<string | null>(null);

  if (!open)
    return (
      <div className="space-y-2">
        {forward.message && <Notice tone={forward.message.tone}>{forward.message.text}</Notice>}
        <Button variant="secondary" onClick={() => (forward.setMessage(null), setOpen(true))}>
          {t("forward")}
        </Button>
      </div>
    );
  return (
    <form
      aria-label={t("forwardTitle")}
      noValidate
      className="space-y-3 rounded-lg border border-stone-200 bg-white p-4"
      onSubmit={(event) => {
        event.preventDefault();
        setFailure(null);
        forward.run({ conversationId, messageId: null, to, note }, (result) => {
          if (result.outcome === "failed") {
            setFailure(t("forwardFailed", { address: to, error: result.error ?? "" }));
            return;
          }
          setOpen(false);
          setTo("");
          setNote("");
          return t("forwarded", { address: to });
        });
      }}
    >
      <h2 className="text-sm font-semibold">{t("forwardTitle")}</h2>
      <TextField
        id="forward-to"
        label={t("forwardTo")}
        type="email"
        required
        value={to}
        onChange={(event) => setTo(event.target.value)}
        errors={forward.fieldErrors.to}
      />
      <TextAreaField
        id="forward-note"
        label={t("forwardNote")}
        rows={3}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        errors={forward.fieldErrors.note}
      />
      {(failure || (forward.message?.tone === "error" && forward.message.text)) && (
        <Notice tone="error">{failure ?? forward.message?.text}</Notice>
      )}
      <span className="flex gap-2">
        <Button type="submit" pending={forward.pending}>
          {t("forwardSend")}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
      </span>
    </form>
  );
}
