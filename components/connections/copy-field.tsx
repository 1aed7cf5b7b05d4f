"use client";

import { useState } from "react";

/** A value to paste elsewhere (a webhook URL), selectable, with a copy button. */
export function CopyField({
  value,
  label,
  copyLabel,
  copiedLabel,
}: {
  value: string;
  label: string;
  copyLabel: string;
  copiedLabel: string;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="flex min-w-0 items-center gap-2">
      <input
        readOnly
        value={value}
        aria-label={label}
        onFocus={(event) => event.currentTarget.select()}
        className="min-w-0 flex-1 rounded-md border border-stone-300 bg-stone-50 px-2 py-1 font-mono text-xs"
      />
      <button
        type="button"
        className="shrink-0 rounded-md border border-stone-300 bg-white px-2 py-1 text-xs hover:bg-stone-100"
        onClick={() =>
          navigator.clipboard.writeText(value).then(
            () => (setCopied(true), setTimeout(() => setCopied(false), 2000)),
            () => setCopied(false),
          )
        }
      >
        <span aria-live="polite">{copied ? copiedLabel : copyLabel}</span>
      </button>
    </span>
  );
}
