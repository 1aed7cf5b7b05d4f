"use client";

import { fromZonedTime } from "date-fns-tz";
import { useState, useTransition } from "react";
import { bulkUpdateAction } from "@/app/(app)/inbox/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { useViewerTimeZone } from "@/components/i18n/time-zone-provider";
import { Button } from "@/components/ui/button";
import { TeammateOptions } from "@/components/inbox/teammate-options";
import { Notice } from "@/components/ui/notice";
import type { BulkAction } from "@/lib/inbox/bulk-update-conversations";
import { formatDateTime } from "@/lib/i18n/format";
import { plural } from "@/lib/i18n/numbers";
import { inboxMessages } from "@/lib/i18n/messages/inbox";
import type { InboxView } from "@/lib/inbox/inbox-views";

type Outcome = {
  changed: string[];
  unchanged: string[];
  failed: { id: string; customerName: string | null; reason: string }[];
};

/** An action picked and worded, waiting for the agent's confirmation. */
type Proposal = { action: BulkAction; label: string };

/**
 * Assign, tag, close, snooze or reopen the selected conversations: one confirmation, then each
 * conversation on its own; the ones that did not change are listed with why, and stay selected.
 */
export function BulkActionBar({
  selectedIds,
  view,
  currentUserId,
  teammates,
  onApplied,
  onClear,
}: {
  selectedIds: string[];
  view: InboxView;
  currentUserId: string;
  teammates: { id: string; name: string }[];
  /** After an action: the ids that did not change stay selected. */
  onApplied: (stillSelected: string[]) => void;
  onClear: () => void;
}) {
  const { t, locale } = useTranslator(inboxMessages);
  const timeZone = useViewerTimeZone();
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [tag, setTag] = useState("");
  const [snoozeUntil, setSnoozeUntil] = useState("");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const count = selectedIds.length;

  function propose(action: BulkAction, label: string) {
    setOutcome(null);
    setError(null);
    setProposal({ action, label });
  }

  function apply(action: BulkAction) {
    startTransition(async () => {
      try {
        const result = await bulkUpdateAction({ conversationIds: selectedIds, action });
        if (!result.ok) {
          setError(
            result.fieldErrors ? Object.values(result.fieldErrors).flat().join(" ") || result.error : result.error,
          );
          return;
        }
        setProposal(null);
        setOutcome(result.data);
        if (action.kind === "tag") setTag("");
        onApplied(result.data.failed.map((failure) => failure.id));
      } catch {
        setError(t("serverUnreachable"));
      }
    });
  }

  const closed = view === "closed" || view === "snoozed";
  const teammateName = (id: string) =>
    id === currentUserId ? t("bulkAssignMe") : (teammates.find((m) => m.id === id)?.name ?? "");

  return (
    <div className="space-y-2">
      {outcome && (
        <Notice tone={outcome.failed.length ? "warning" : "success"}>
          <p>
            {t(plural(locale, outcome.changed.length, "bulkChanged"), { count: outcome.changed.length })}
            {outcome.unchanged.length > 0 &&
              ` ${t(plural(locale, outcome.unchanged.length, "bulkUnchanged"), { count: outcome.unchanged.length })}`}
          </p>
          {outcome.failed.length > 0 && (
            <>
              <p className="mt-1 font-medium">
                {t(plural(locale, outcome.failed.length, "bulkFailedTitle"), { count: outcome.failed.length })}
              </p>
              <ul className="list-disc pl-5" data-testid="bulk-failures">
                {outcome.failed.map((failure) => (
                  <li key={failure.id}>
                    {failure.customerName ?? t("unknownCustomer")}: {failure.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Notice>
      )}
      {count > 0 && (
        <section
          aria-label={t("bulkActions")}
          data-testid="bulk-action-bar"
          className="sticky top-0 z-10 space-y-2 rounded-lg border border-brand-100 bg-brand-50 p-3 text-sm shadow-sm"
        >
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium" role="status">
              {t(plural(locale, count, "selected"), { count })}
            </span>
            <Button variant="secondary" className="px-2 py-1 text-xs" onClick={onClear} disabled={pending}>
              {t("clearSelection")}
            </Button>
          </div>
          {proposal ? (
            <div role="group" aria-label={proposal.label} className="flex flex-wrap items-center gap-2">
              <p>{t(plural(locale, count, "bulkQuestion"), { action: proposal.label, count })}</p>
              <Button className="px-2 py-1 text-xs" pending={pending} onClick={() => apply(proposal.action)}>
                {t("bulkConfirm")}
              </Button>
              <Button
                variant="secondary"
                className="px-2 py-1 text-xs"
                disabled={pending}
                onClick={() => (setProposal(null), setError(null))}
              >
                {t("cancel")}
              </Button>
            </div>
          ) : (
            <div className="flex flex-wrap items-end gap-2">
              <label className="flex flex-col text-xs text-stone-600">
                {t("bulkAssign")}
                <select
                  value=""
                  onChange={(event) => {
                    const value = event.target.value;
                    if (!value) return;
                    const assigneeId = value === "nobody" ? null : value;
                    propose(
                      { kind: "assign", assigneeId },
                      assigneeId ? t("bulkAssignAction", { name: teammateName(assigneeId) }) : t("bulkUnassign"),
                    );
                  }}
                  className="mt-0.5 w-44 max-w-full rounded border border-stone-300 bg-white px-2 py-1 text-sm"
                >
                  <option value="">{t("bulkAssignChoose")}</option>
                  <TeammateOptions currentUserId={currentUserId} teammates={teammates} />
                  <option value="nobody">{t("bulkUnassign")}</option>
                </select>
              </label>
              <form
                className="flex items-end gap-1"
                onSubmit={(event) => {
                  event.preventDefault();
                  if (tag.trim()) propose({ kind: "tag", name: tag }, t("bulkTagAction", { tag: tag.trim() }));
                }}
              >
                <label className="flex flex-col text-xs text-stone-600">
                  {t("filterTag")}
                  <input
                    value={tag}
                    onChange={(event) => setTag(event.target.value)}
                    placeholder={t("bulkTagPlaceholder")}
                    maxLength={40}
                    className="mt-0.5 w-32 rounded border border-stone-300 bg-white px-2 py-1 text-sm"
                  />
                </label>
                <Button type="submit" variant="secondary" className="px-2 py-1 text-xs" disabled={!tag.trim()}>
                  {t("bulkApply")}
                </Button>
              </form>
              {closed ? (
                <Button
                  variant="secondary"
                  className="px-2 py-1 text-xs"
                  onClick={() => propose({ kind: "reopen" }, t("bulkReopen"))}
                >
                  {t("bulkReopen")}
                </Button>
              ) : (
                <>
                  <Button
                    className="px-2 py-1 text-xs"
                    onClick={() => propose({ kind: "close", resolution: "resolved" }, t("bulkCloseResolved"))}
                  >
                    {t("bulkCloseResolved")}
                  </Button>
                  <Button
                    variant="secondary"
                    className="px-2 py-1 text-xs"
                    onClick={() => propose({ kind: "close", resolution: "not_resolved" }, t("bulkCloseNotResolved"))}
                  >
                    {t("bulkCloseNotResolved")}
                  </Button>
                </>
              )}
              <form
                className="flex items-end gap-1"
                onSubmit={(event) => {
                  event.preventDefault();
                  if (!snoozeUntil) return;
                  const until = fromZonedTime(snoozeUntil, timeZone);
                  propose(
                    { kind: "snooze", snoozedUntil: until },
                    t("bulkSnoozeAction", { time: formatDateTime(until, locale, timeZone) }),
                  );
                }}
              >
                <label className="flex flex-col text-xs text-stone-600">
                  <span>
                    {t("bulkSnoozeUntil")} <span className="text-stone-500">({timeZone})</span>
                  </span>
                  <input
                    type="datetime-local"
                    value={snoozeUntil}
                    onChange={(event) => setSnoozeUntil(event.target.value)}
                    className="mt-0.5 rounded border border-stone-300 bg-white px-2 py-1 text-sm"
                  />
                </label>
                <Button type="submit" variant="secondary" className="px-2 py-1 text-xs" disabled={!snoozeUntil}>
                  {t("snooze")}
                </Button>
              </form>
            </div>
          )}
          {error && (
            <p role="alert" className="text-xs text-red-800">
              {error}
            </p>
          )}
        </section>
      )}
    </div>
  );
}
