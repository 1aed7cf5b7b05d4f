"use client";

import { useState, type FormEvent } from "react";
import { createUserAction } from "@/app/(app)/users/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { ROLES } from "@/lib/auth/permissions";
import { shellMessages } from "@/lib/i18n/messages/shell";
import { usersMessages } from "@/lib/i18n/messages/users";

export function CreateUserForm() {
  const { run, pending, fieldErrors, message } = useServerAction(createUserAction);
  const [generatedPassword, setGeneratedPassword] = useState<string | null>(null);
  const { t } = useTranslator(usersMessages);
  const { t: shell } = useTranslator(shellMessages);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setGeneratedPassword(null);
    run(Object.fromEntries(new FormData(form)), (created) => {
      form.reset();
      setGeneratedPassword(created.generatedPassword);
      return t("added", { email: created.email });
    });
  }

  return (
    <section aria-labelledby="create-user-title" className="rounded-lg border border-stone-200 bg-white p-5">
      <h2 id="create-user-title" className="text-sm font-semibold">
        {t("addTitle")}
      </h2>
      <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
        <TextField id="email" label={t("email")} type="email" required errors={fieldErrors.email} />
        <TextField id="name" label={t("name")} errors={fieldErrors.name} />
        <SelectField id="role" label={t("role")} defaultValue="agent" errors={fieldErrors.role}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {shell(`role.${role}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="password"
          label={t("password")}
          type="password"
          autoComplete="new-password"
          hint={t("passwordHint")}
          errors={fieldErrors.password}
        />
        <Button type="submit" pending={pending}>
          {pending ? t("adding") : t("add")}
        </Button>
        {message && (
          <Notice tone={message.tone}>
            {message.text}
            {message.tone === "success" && generatedPassword && (
              <p className="mt-2">
                {t("generatedPassword")}{" "}
                <code className="rounded bg-white px-1 font-mono" data-testid="generated-password">
                  {generatedPassword}
                </code>
              </p>
            )}
          </Notice>
        )}
      </form>
    </section>
  );
}
