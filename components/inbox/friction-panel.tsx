"use client";

import { useState, type FormEvent } from "react";
import { markFrictionAction, removeFrictionMarkAction } from "@/app/(app)/inbox/[conversationId]/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { inboxMessages } from "@/lib/i18n/messages/inbox";

type Mark = { id: string; categoryName: string; note: string | null };
const NEW_CATEGORY = "__new__";

/**
 * "Mark as site-wide friction": a category (or a new one), a note; the marks feed the friction
 * report. Managers name new categories; others suggest one, counted once a manager confirms it.
 */
export function FrictionPanel({
  conversationId,
  marks,
  categories,
  canCreateCategories,
}: {
  conversationId: string;
  marks: Mark[];
  categories: { id: string; name: string }[];
  canCreateCategories: boolean;
}) {
  const { t } = useTranslator(inboxMessages);
  const mark = useServerAction(markFrictionAction);
  const unmark = useServerAction(removeFrictionMarkAction);
  const [open, setOpen] = useState(false);
  const [categoryId, setCategoryId] = useState("");
  const [newName, setNewName] = useState("");
  const [note, setNote] = useState("");
  const [confirming, setConfirming] = useState<string | null>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const input =
      categoryId === NEW_CATEGORY
        ? { conversationId, newCategoryName: newName, note }
        : { conversationId, categoryId, note };
    mark.run(input, (saved) => {
      setOpen(false);
      setCategoryId("");
      setNewName("");
      setNote("");
      return t(saved.suggested ? "frictionSuggested" : "frictionMarked", { category: saved.categoryName });
    });
  }

  return (
    <div className="space-y-2">
      {marks.length > 0 && (
        <ul aria-label={t("frictionMarks")} className="flex flex-wrap gap-2">
          {marks.map((m) => (
            <li
              key={m.id}
              data-testid="friction-mark"
              className="flex items-center gap-2 rounded-md border border-orange-200 bg-orange-50 px-2 py-1 text-xs text-orange-900"
            >
              <span>
                ⚑ {m.categoryName}
                {m.note && <span className="text-orange-700"> · {m.note}</span>}
              </span>
              {confirming === m.id ? (
                <>
                  <button
                    type="button"
                    className="font-medium text-red-700 underline"
                    onClick={() => unmark.run({ conversationId, markId: m.id }, () => setConfirming(null))}
                  >
                    {t("confirmRemove")}
                  </button>
                  <button type="button" className="underline" onClick={() => setConfirming(null)}>
                    {t("cancel")}
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  aria-label={t("removeFrictionMark", { category: m.categoryName })}
                  className="rounded px-0.5 hover:bg-orange-100"
                  onClick={() => setConfirming(m.id)}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {open ? (
        <form onSubmit={onSubmit} className="space-y-2 rounded-md border border-orange-200 bg-orange-50/50 p-3">
          <label htmlFor="friction-category" className="block text-xs font-medium text-stone-700">
            {t("frictionCategory")}
          </label>
          <select
            id="friction-category"
            required
            value={categoryId}
            onChange={(event) => setCategoryId(event.target.value)}
            className="block w-full rounded border border-stone-300 px-2 py-1.5 text-sm"
          >
            <option value="">{t("pickCategory")}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            <option value={NEW_CATEGORY}>{canCreateCategories ? t("newCategory") : t("suggestCategory")}</option>
          </select>
          {categoryId === NEW_CATEGORY && (
            <>
              <label htmlFor="friction-new-category" className="block text-xs font-medium text-stone-700">
                {canCreateCategories ? t("newCategoryName") : t("suggestedCategoryName")}
              </label>
              <input
                id="friction-new-category"
                required
                value={newName}
                onChange={(event) => setNewName(event.target.value)}
                className="block w-full rounded border border-stone-300 px-2 py-1.5 text-sm"
              />
            </>
          )}
          {(mark.fieldErrors.categoryId || mark.fieldErrors.newCategoryName) && (
            <p className="text-xs text-red-700">
              {(mark.fieldErrors.categoryId ?? mark.fieldErrors.newCategoryName)![0]}
            </p>
          )}
          <label htmlFor="friction-note" className="block text-xs font-medium text-stone-700">
            {t("frictionNote")}
          </label>
          <textarea
            id="friction-note"
            rows={2}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            placeholder={t("frictionNotePlaceholder")}
            className="block w-full rounded border border-stone-300 px-2 py-1.5 text-sm"
          />
          <div className="flex gap-2">
            <Button type="submit" pending={mark.pending}>
              {t("saveFriction")}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              {t("cancel")}
            </Button>
          </div>
        </form>
      ) : (
        <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
          ⚑ {t("markFriction")}
        </Button>
      )}
      {(mark.message || unmark.message) && (
        <Notice tone={(mark.message ?? unmark.message)!.tone}>{(mark.message ?? unmark.message)!.text}</Notice>
      )}
    </div>
  );
}
