"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useTranslator } from "@/components/i18n/locale-provider";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { authMessages } from "@/lib/i18n/messages/auth";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const { t } = useTranslator(authMessages);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  function signInError(error: string | null): string {
    if (!error || error === "CredentialsSignin") return t("wrongCredentials");
    const throttled = /^TooManyAttempts:(\d+)$/.exec(error);
    if (!throttled) return t("failed");
    const seconds = Number(throttled[1]);
    return seconds < 60
      ? t("tooManyAttemptsSeconds", { seconds })
      : t("tooManyAttemptsMinutes", { minutes: Math.ceil(seconds / 60) });
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError(t("missingFields"));
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (result?.ok && !result.error) {
        // A full navigation, so every server component renders with the new session. Checked
        // again here: the page's value is already safe, but this is the line that navigates.
        window.location.assign(safeRedirectPath(callbackUrl));
        return;
      }
      setError(signInError(result?.error ?? null));
    } catch {
      setError(t("unreachable"));
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      {error && <Notice tone="error">{error}</Notice>}
      <TextField id="email" label={t("email")} type="email" autoComplete="username" required autoFocus />
      <TextField id="password" label={t("password")} type="password" autoComplete="current-password" required />
      <Button type="submit" pending={pending} className="w-full">
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
