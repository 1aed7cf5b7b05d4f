"use client";

import { useState, useTransition, type FormEvent } from "react";
import { createUserAction } from "@/app/(app)/users/actions";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";

export function CreateUserForm() {
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [status, setStatus] = useState<{ tone: "success" | "error"; text: string; password?: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = Object.fromEntries(new FormData(form));
    setStatus(null);
    startTransition(async () => {
      try {
        const result = await createUserAction(input);
        if (result.ok) {
          form.reset();
          setErrors({});
          setStatus({ tone: "success", text: `${result.data.email} can now sign in.`, password: result.data.generatedPassword ?? undefined });
        } else {
          setErrors(result.fieldErrors ?? {});
          setStatus({ tone: "error", text: result.error });
        }
      } catch {
        setStatus({ tone: "error", text: "The server could not be reached. Try again." });
      }
    });
  }

  return (
    <section aria-labelledby="create-user-title" className="rounded-lg border border-stone-200 bg-white p-5">
      <h2 id="create-user-title" className="text-sm font-semibold">
        Add a user
      </h2>
      <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
        <TextField id="email" label="Email" type="email" required errors={errors.email} />
        <TextField id="name" label="Name" errors={errors.name} />
        <SelectField id="role" label="Role" defaultValue="agent" errors={errors.role}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </SelectField>
        <TextField id="password" label="Password" type="password" autoComplete="new-password" hint="Leave empty to generate one." errors={errors.password} />
        <Button type="submit" pending={pending}>
          {pending ? "Adding…" : "Add user"}
        </Button>
        {status && (
          <Notice tone={status.tone}>
            {status.text}
            {status.password && (
              <p className="mt-2">
                Their password, shown only now: <code className="rounded bg-white px-1 font-mono" data-testid="generated-password">{status.password}</code>
              </p>
            )}
          </Notice>
        )}
      </form>
    </section>
  );
}
