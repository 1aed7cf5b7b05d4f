"use client";

import { useState, type FormEvent } from "react";
import { createUserAction } from "@/app/(app)/users/actions";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";

export function CreateUserForm() {
  const { run, pending, fieldErrors, message } = useServerAction(createUserAction);
  const [generatedPassword, setGeneratedPassword] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setGeneratedPassword(null);
    run(Object.fromEntries(new FormData(form)), (created) => {
      form.reset();
      setGeneratedPassword(created.generatedPassword);
      return `${created.email} can now sign in.`;
    });
  }

  return (
    <section aria-labelledby="create-user-title" className="rounded-lg border border-stone-200 bg-white p-5">
      <h2 id="create-user-title" className="text-sm font-semibold">
        Add a user
      </h2>
      <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
        <TextField id="email" label="Email" type="email" required errors={fieldErrors.email} />
        <TextField id="name" label="Name" errors={fieldErrors.name} />
        <SelectField id="role" label="Role" defaultValue="agent" errors={fieldErrors.role}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </SelectField>
        <TextField id="password" label="Password" type="password" autoComplete="new-password" hint="Leave empty to generate one." errors={fieldErrors.password} />
        <Button type="submit" pending={pending}>
          {pending ? "Adding…" : "Add user"}
        </Button>
        {message && (
          <Notice tone={message.tone}>
            {message.text}
            {message.tone === "success" && generatedPassword && (
              <p className="mt-2">
                Their password, shown only now:{" "}
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
