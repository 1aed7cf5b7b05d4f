import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

const control =
  "mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:outline-2 focus:outline-offset-0 focus:outline-brand-500 aria-[invalid=true]:border-red-500";

type FieldShellProps = { id: string; label: string; hint?: string; errors?: string[]; children: ReactNode };

/** Label, control, hint and errors, wired for screen readers. */
function FieldShell({ id, label, hint, errors, children }: FieldShellProps) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      {children}
      {hint && !errors?.length && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-stone-500">
          {hint}
        </p>
      )}
      {errors?.map((error) => (
        <p key={error} id={`${id}-error`} className="mt-1 text-xs text-red-700" role="alert">
          {error}
        </p>
      ))}
    </div>
  );
}

type Common = { id: string; label: string; hint?: string; errors?: string[] };

function describedBy({ id, hint, errors }: Pick<Common, "id" | "hint" | "errors">) {
  if (errors?.length) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}

export function TextField({ id, label, hint, errors, ...props }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors}>
      <input
        id={id}
        name={id}
        aria-invalid={Boolean(errors?.length)}
        aria-describedby={describedBy({ id, hint, errors })}
        className={`${control} border-stone-300`}
        {...props}
      />
    </FieldShell>
  );
}

export function TextAreaField({
  id,
  label,
  hint,
  errors,
  ...props
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors}>
      <textarea
        id={id}
        name={id}
        aria-invalid={Boolean(errors?.length)}
        aria-describedby={describedBy({ id, hint, errors })}
        className={`${control} border-stone-300`}
        {...props}
      />
    </FieldShell>
  );
}

export function SelectField({
  id,
  label,
  hint,
  errors,
  children,
  ...props
}: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors}>
      <select
        id={id}
        name={id}
        aria-invalid={Boolean(errors?.length)}
        aria-describedby={describedBy({ id, hint, errors })}
        className={`${control} border-stone-300`}
        {...props}
      >
        {children}
      </select>
    </FieldShell>
  );
}
