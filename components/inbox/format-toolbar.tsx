"use client";

import type { ReactNode, RefObject } from "react";
import { LinkIcon } from "@/components/ui/icons";
import { useTranslator } from "@/components/i18n/locale-provider";
import { applyFormat, type Format } from "@/lib/inbox/composer-formatting";
import { inboxMessages } from "@/lib/i18n/messages/inbox";

const BUTTONS: {
  format: Format;
  label: ReactNode;
  key: "formatBold" | "formatLink" | "formatBullets" | "formatNumbers";
}[] = [
  { format: "bold", label: "B", key: "formatBold" },
  { format: "link", label: <LinkIcon />, key: "formatLink" },
  { format: "bullets", label: "•", key: "formatBullets" },
  { format: "numbers", label: "1.", key: "formatNumbers" },
];

/** Bold, link and lists for an email reply: the markup goes into the text, the server sends it as HTML and text. */
export function FormatToolbar({
  textarea,
  text,
  onChange,
}: {
  textarea: RefObject<HTMLTextAreaElement | null>;
  text: string;
  onChange: (text: string) => void;
}) {
  const { t } = useTranslator(inboxMessages);
  function apply(format: Format) {
    const area = textarea.current;
    const edit = applyFormat(text, area?.selectionStart ?? text.length, area?.selectionEnd ?? text.length, format);
    onChange(edit.text);
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(edit.selectionStart, edit.selectionEnd);
    });
  }
  return (
    <div role="toolbar" aria-label={t("formatting")} className="flex items-center gap-1">
      {BUTTONS.map(({ format, label, key }) => (
        <button
          key={format}
          type="button"
          title={t(key)}
          aria-label={t(key)}
          // Keeps the selection in the textarea.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => apply(format)}
          className={`h-7 min-w-7 rounded border border-stone-200 bg-white px-1.5 text-xs hover:bg-stone-100 ${format === "bold" ? "font-bold" : ""}`}
        >
          {label}
        </button>
      ))}
      <span className="ml-1 hidden text-xs text-stone-500 sm:inline">{t("formattingHint")}</span>
    </div>
  );
}
