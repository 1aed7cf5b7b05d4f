"use client";

import { signIn } from "next-auth/react";
import type { FormEvent } from "react";
import { createFirstAdminAction } from "@/app/first-run/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { authMessages } from "@/lib/i18n/messages/auth";

export function FirstRunForm() {
  const { t } = useTranslator(authMessages);
  const { run, pending, fieldErrors, message } = useServerAction(createFirstAdminAction);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    run(values, () => {
      // Signed straight in with what they just chose; the sign-in page is the fallback.
      void signIn("credentials", { email: values.email, password: values.password, redirect: false }).then((result) =>
        window.location.assign(result?.ok ? "/inbox" : "/signin"),
      );
      return t("firstRunDone");
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      <TextField
        id="code"
        label={t("firstRunCode")}
        hint={t("firstRunCodeHint")}
        autoComplete="off"
        required
        errors={fieldErrors.code}
      />
      <TextField id="name" label={t("firstRunName")} autoComplete="name" required errors={fieldErrors.name} />
      <TextField
        id="email"
        label={t("email")}
        type="email"
        autoComplete="username"
        required
        errors={fieldErrors.email}
      />
      <TextField
        id="password"
        label={t("password")}
        type="password"
        autoComplete="new-password"
        hint={t("firstRunPasswordHint")}
        required
        errors={fieldErrors.password}
      />
      <TextField
        id="confirmPassword"
        label={t("firstRunConfirm")}
        type="password"
        autoComplete="new-password"
        required
        errors={fieldErrors.confirmPassword}
      />
      <Button type="submit" pending={pending} className="w-full">
        {pending ? t("firstRunCreating") : t("firstRunCreate")}
      </Button>
    </form>
  );
}
