"use client";

import { useState, type FormEvent } from "react";
import { addTagAction, removeTagAction } from "@/app/(app)/inbox/[conversationId]/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { useServerAction } from "@/components/ui/use-server-action";
import { inboxMessages } from "@/lib/i18n/messages/inbox";

/** The conversation's tags: remove with ×, add by typing (suggestions from tags in use). */
export function TagEditor({
  conversationId,
  tags,
  suggestions,
}: {
  conversationId: string;
  tags: string[];
  suggestions: string[];
}) {
  const { t } = useTranslator(inboxMessages);
  const add = useServerAction(addTagAction);
  const remove = useServerAction(removeTagAction);
  const [name, setName] = useState("");

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    add.run({ conversationId, name }, () => {
      setName("");
    });
  }

  return (
    <div className="space-y-1">
      <ul aria-label={t("tags")} className="flex flex-wrap items-center gap-1">
        {tags.map((tag) => (
          <li key={tag} className="flex items-center gap-1 rounded bg-stone-100 px-1.5 text-xs text-stone-700">
            #{tag}
            <button
              type="button"
              aria-label={t("removeTag", { tag })}
              disabled={remove.pending}
              onClick={() => remove.run({ conversationId, name: tag }, () => {})}
              className="rounded px-0.5 text-stone-500 hover:bg-stone-200 hover:text-stone-900"
            >
              ×
            </button>
          </li>
        ))}
        <li>
          <form onSubmit={onSubmit} className="flex items-center gap-1">
            <label htmlFor="new-tag" className="sr-only">
              {t("addTag")}
            </label>
            <input
              id="new-tag"
              list="tag-suggestions"
              value={name}
              onChange={(event) => setName(event.target.value)}
              placeholder={t("addTagPlaceholder")}
              className="w-28 rounded border border-stone-300 px-1.5 py-0.5 text-xs"
            />
            <datalist id="tag-suggestions">
              {suggestions
                .filter((s) => !tags.includes(s))
                .map((s) => (
                  <option key={s} value={s} />
                ))}
            </datalist>
            <button
              type="submit"
              disabled={add.pending || !name.trim()}
              className="rounded border border-stone-300 px-1.5 py-0.5 text-xs disabled:text-stone-400"
            >
              {t("add")}
            </button>
          </form>
        </li>
      </ul>
      {(add.fieldErrors.name || add.message?.tone === "error" || remove.message?.tone === "error") && (
        <p role="alert" className="text-xs text-red-700">
          {add.fieldErrors.name?.[0] ?? add.message?.text ?? remove.message?.text}
        </p>
      )}
    </div>
  );
}
