"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useTranslator } from "@/components/i18n/locale-provider";
import { inboxMessages } from "@/lib/i18n/messages/inbox";

export const SHORTCUTS = [
  ["j / k", "keyMove"],
  ["Enter", "keyOpen"],
  ["x", "keySelect"],
  ["r", "keyReply"],
  ["n", "keyNote"],
  ["a", "keyAssign"],
  ["e", "keyClose"],
  ["s", "keySnooze"],
  ["/", "keySearch"],
  ["?", "keyHelp"],
  ["Ctrl/⌘ + Enter", "keySend"],
] as const;

/** "/" opens search and "?" lists every shortcut, anywhere in the inbox. */
export function KeyboardShortcuts() {
  const { t } = useTranslator(inboxMessages);
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target;
      if (
        target instanceof HTMLElement &&
        (["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.isContentEditable)
      )
        return;
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === "?") {
        event.preventDefault();
        setOpen(true);
      }
      if (event.key === "/") {
        event.preventDefault();
        const box = document.getElementById("inbox-search-input");
        if (box) box.focus();
        else router.push("/inbox/search");
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [router]);

  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
    if (!open && dialog.current?.open) dialog.current.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      onClose={() => setOpen(false)}
      aria-labelledby="shortcuts-title"
      className="rounded-lg p-6 shadow-xl backdrop:bg-stone-900/40"
    >
      <h2 id="shortcuts-title" className="mb-3 text-base font-semibold">
        {t("shortcutsTitle")}
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
        {SHORTCUTS.map(([keys, label]) => (
          <div key={keys} className="contents">
            <dt>
              <kbd className="rounded border border-stone-300 bg-stone-50 px-1.5 font-mono text-xs">{keys}</kbd>
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
      <button
        type="button"
        autoFocus
        onClick={() => setOpen(false)}
        className="mt-4 rounded-md border border-stone-300 px-3 py-1.5 text-sm"
      >
        {t("close")}
      </button>
    </dialog>
  );
}
