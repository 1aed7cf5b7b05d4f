"use client";

import { useState } from "react";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import type { ActionResult } from "@/lib/auth/authorized-action";
import { commonMessages } from "@/lib/i18n/messages/common";

/**
 * A button for an action that cannot be taken back: it asks first (the question, a red confirm
 * button, Cancel), then runs the server action and shows its outcome.
 */
export function ConfirmAction<I, T>({
  label,
  question,
  confirmLabel,
  action,
  input,
  onSuccess,
  className = "",
}: {
  label: string;
  question: string;
  confirmLabel: string;
  action: (input: I) => Promise<ActionResult<T>>;
  input: I;
  /** Returns a success message to show, if any. */
  onSuccess?: (data: T) => string | void;
  className?: string;
}) {
  const { t: common } = useTranslator(commonMessages);
  const [confirming, setConfirming] = useState(false);
  const running = useServerAction(action);
  const notice = running.message && <Notice tone={running.message.tone}>{running.message.text}</Notice>;
  if (!confirming) {
    return (
      <div className={`space-y-1 ${className}`}>
        {notice}
        <Button
          variant="secondary"
          className="px-2 py-1 text-xs"
          onClick={() => (running.setMessage(null), setConfirming(true))}
        >
          {label}
        </Button>
      </div>
    );
  }
  return (
    <div className={`space-y-1 ${className}`} role="group" aria-label={label}>
      {notice}
      <p className="text-xs">{question}</p>
      <span className="inline-flex gap-2">
        <Button
          variant="danger"
          className="px-2 py-1 text-xs"
          pending={running.pending}
          onClick={() => running.run(input, (data) => (setConfirming(false), onSuccess?.(data)))}
        >
          {confirmLabel}
        </Button>
        <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => setConfirming(false)}>
          {common("cancel")}
        </Button>
      </span>
    </div>
  );
}
