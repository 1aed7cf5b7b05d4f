"use client";

import { useState, useTransition } from "react";
import { useTranslator } from "@/components/i18n/locale-provider";
import type { ActionResult, FieldErrors } from "@/lib/auth/authorized-action";
import { commonMessages } from "@/lib/i18n/messages/common";

export type StatusMessage = { tone: "success" | "error"; text: string };

/**
 * Runs a server action built with authorizedAction: pending state, field errors and one status
 * message, so every form reports success and failure the same way.
 */
export function useServerAction<I, T>(action: (input: I) => Promise<ActionResult<T>>) {
  const { t } = useTranslator(commonMessages);
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<StatusMessage | null>(null);

  function run(input: I, onSuccess: (data: T) => string | void) {
    setMessage(null);
    startTransition(async () => {
      try {
        const result = await action(input);
        if (result.ok) {
          setFieldErrors({});
          const text = onSuccess(result.data);
          if (text) setMessage({ tone: "success", text });
        } else {
          setFieldErrors(result.fieldErrors ?? {});
          setMessage({ tone: "error", text: result.error });
        }
      } catch {
        setMessage({ tone: "error", text: t("serverUnreachable") });
      }
    });
  }

  return { run, pending, fieldErrors, setFieldErrors, message, setMessage };
}
