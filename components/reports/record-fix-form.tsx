"use client";

import { useState, type FormEvent } from "react";
import { recordFixAction } from "@/app/(app)/reports/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/ui/use-server-action";
import { reportMessages } from "@/lib/i18n/messages/reports";

/** "Fixed on <day>: <what>", for the before/after comparison. */
export function RecordFixForm({ categoryId, today }: { categoryId: string; today: string }) {
  const { t } = useTranslator(reportMessages);
  const record = useServerAction(recordFixAction);
  const [fixedOn, setFixedOn] = useState(today);
  const [note, setNote] = useState("");
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    record.run({ categoryId, fixedOn, note }, () => {
      setNote("");
      return t("fixRecorded");
    });
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2 text-sm">
      <label className="flex flex-col text-xs text-stone-600">
        {t("fixedOn")}
        <input
          type="date"
          required
          max={today}
          value={fixedOn}
          onChange={(event) => setFixedOn(event.target.value)}
          className="rounded border border-stone-300 px-2 py-1 text-sm"
        />
      </label>
      <label className="flex min-w-56 flex-1 flex-col text-xs text-stone-600">
        {t("fixNote")}
        <input
          required
          value={note}
          placeholder={t("fixNotePlaceholder")}
          onChange={(event) => setNote(event.target.value)}
          className="rounded border border-stone-300 px-2 py-1 text-sm"
        />
      </label>
      <Button type="submit" variant="secondary" pending={record.pending}>
        {t("recordFix")}
      </Button>
      {(record.fieldErrors.note || record.fieldErrors.fixedOn) && (
        <p className="w-full text-xs text-red-700">{(record.fieldErrors.note ?? record.fieldErrors.fixedOn)![0]}</p>
      )}
      {record.message && (
        <p
          role={record.message.tone === "error" ? "alert" : "status"}
          className={`w-full text-xs ${record.message.tone === "error" ? "text-red-700" : "text-emerald-800"}`}
        >
          {record.message.text}
        </p>
      )}
    </form>
  );
}
