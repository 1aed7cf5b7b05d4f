"use client";

import type { FormEvent } from "react";
import { changeOwnPasswordAction } from "@/app/(app)/account/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { accountMessages } from "@/lib/i18n/messages/account";

export function ChangePasswordForm() {
  const { t } = useTranslator(accountMessages);
  const { run, pending, fieldErrors, message } = useServerAction(changeOwnPasswordAction);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    run(Object.fromEntries(new FormData(form)), () => {
      form.reset();
      return t("changed");
    });
  }

  return (
    <section aria-labelledby="password-title" className="rounded-lg border border-stone-200 bg-white p-5">
      <h2 id="password-title" className="text-sm font-semibold">
        {t("passwordTitle")}
      </h2>
      <p className="mt-1 text-xs text-stone-600">{t("passwordIntro")}</p>
      <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
        {message && <Notice tone={message.tone}>{message.text}</Notice>}
        <TextField
          id="currentPassword"
          label={t("currentPassword")}
          type="password"
          autoComplete="current-password"
          required
          errors={fieldErrors.currentPassword}
        />
        <TextField
          id="newPassword"
          label={t("newPassword")}
          type="password"
          autoComplete="new-password"
          required
          hint={t("newPasswordHint")}
          errors={fieldErrors.newPassword}
        />
        <TextField
          id="confirmPassword"
          label={t("confirmPassword")}
          type="password"
          autoComplete="new-password"
          required
          errors={fieldErrors.confirmPassword}
        />
        <Button type="submit" pending={pending}>
          {pending ? t("changing") : t("change")}
        </Button>
      </form>
    </section>
  );
}
