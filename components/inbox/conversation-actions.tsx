"use client";

import { useRouter } from "next/navigation";
import { fromZonedTime } from "date-fns-tz";
import { useEffect, useRef, useState } from "react";
import { assignAction, changeStatusAction } from "@/app/(app)/inbox/[conversationId]/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { useViewerTimeZone } from "@/components/i18n/time-zone-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { inboxMessages } from "@/lib/i18n/messages/inbox";
import type { InboxView } from "@/lib/inbox/inbox-views";
import type { StatusChange } from "@/lib/inbox/update-conversation";

type Props = {
  conversationId: string;
  status: string;
  assigneeId: string | null;
  currentUserId: string;
  teammates: { id: string; name: string }[];
  /** The view the agent came from, and this conversation's neighbours in it (j/k, and after closing). */
  view: InboxView;
  previousId: string | null;
  nextId: string | null;
};

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.isContentEditable);

/**
 * Assign, set pending, snooze, close or reopen. Closing moves on to the next conversation of the
 * view (or back to the view when none is left). Keys: a assign to me, e close as resolved,
 * s snooze, j/k next/previous conversation.
 */
export function ConversationActions({
  conversationId,
  status,
  assigneeId,
  currentUserId,
  teammates,
  view,
  previousId,
  nextId,
}: Props) {
  const { t } = useTranslator(inboxMessages);
  const router = useRouter();
  const hrefOf = (id: string) => `/inbox/${id}?view=${view}`;
  const afterClose = nextId ? hrefOf(nextId) : `/inbox?view=${view}`;
  const timeZone = useViewerTimeZone();
  const statusAction = useServerAction(changeStatusAction);
  const assign = useServerAction(assignAction);
  const [snoozeUntil, setSnoozeUntil] = useState("");
  const snoozeRef = useRef<HTMLInputElement>(null);
  // Only the latest action's outcome is shown.
  const [latest, setLatest] = useState<"status" | "assign" | null>(null);
  const message = latest === "status" ? statusAction.message : latest === "assign" ? assign.message : null;

  function setStatus(input: StatusChange, done: string) {
    setLatest("status");
    statusAction.run(input, () => {
      if (input.status === "closed") router.push(afterClose);
      return done;
    });
  }
  function assignTo(id: string | null) {
    setLatest("assign");
    assign.run({ conversationId, assigneeId: id }, () =>
      id === null
        ? t("unassigned")
        : id === currentUserId
          ? t("assignedToYou")
          : t("assignedTo", { name: teammates.find((m) => m.id === id)?.name ?? "" }),
    );
  }

  // The latest handler, read by one long-lived key listener.
  const onKey = useRef<(event: KeyboardEvent) => void>(() => {});
  useEffect(() => {
    onKey.current = (event) => {
      if (isTyping(event.target) || event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === "a" && assigneeId !== currentUserId) assignTo(currentUserId);
      if (event.key === "e" && status !== "closed")
        setStatus({ conversationId, status: "closed", resolution: "resolved" }, t("closedResolved"));
      if (event.key === "j" && nextId) router.push(hrefOf(nextId));
      if (event.key === "k" && previousId) router.push(hrefOf(previousId));
      if (event.key === "s") {
        event.preventDefault();
        snoozeRef.current?.focus();
      }
    };
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey.current(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  const pending = statusAction.pending || assign.pending;
  return (
    <section aria-label={t("workflow")} className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2">
        {assigneeId === currentUserId ? (
          <Button variant="secondary" disabled={pending} onClick={() => assignTo(null)}>
            {t("unassign")}
          </Button>
        ) : (
          <Button variant="secondary" disabled={pending} onClick={() => assignTo(currentUserId)}>
            {t("assignToMe")}
          </Button>
        )}
        <label className="flex min-w-0 items-center gap-2 text-xs text-stone-600">
          {t("assignTo")}
          <select
            value={assigneeId ?? ""}
            disabled={pending}
            onChange={(event) => assignTo(event.target.value || null)}
            title={teammates.find((m) => m.id === assigneeId)?.name}
            className="w-48 max-w-full min-w-0 truncate rounded border border-stone-300 px-2 py-1 text-sm"
          >
            <option value="">{t("nobody")}</option>
            {teammates.map((member) => (
              <option key={member.id} value={member.id} title={member.name}>
                {member.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {status === "closed" ? (
          <Button
            variant="secondary"
            disabled={pending}
            onClick={() => setStatus({ conversationId, status: "open" }, t("reopened"))}
          >
            {t("reopen")}
          </Button>
        ) : (
          <>
            <Button
              disabled={pending}
              onClick={() =>
                setStatus({ conversationId, status: "closed", resolution: "resolved" }, t("closedResolved"))
              }
            >
              {t("closeResolved")}
            </Button>
            <Button
              variant="secondary"
              disabled={pending}
              onClick={() =>
                setStatus({ conversationId, status: "closed", resolution: "not_resolved" }, t("closedNotResolved"))
              }
            >
              {t("closeNotResolved")}
            </Button>
            {status !== "open" && (
              <Button
                variant="secondary"
                disabled={pending}
                onClick={() => setStatus({ conversationId, status: "open" }, t("reopened"))}
              >
                {t("markOpen")}
              </Button>
            )}
            <Button
              variant="secondary"
              disabled={pending || status === "pending"}
              onClick={() => setStatus({ conversationId, status: "pending" }, t("markedPending"))}
            >
              {t("pending")}
            </Button>
          </>
        )}
        <label className="ml-auto flex items-center gap-2 text-xs text-stone-600" htmlFor="snooze-until">
          {t("snoozeUntil")}
          {/* The wall time is read in the viewer's zone, like every time on screen. */}
          <span className="text-stone-500">({timeZone})</span>
          <input
            id="snooze-until"
            ref={snoozeRef}
            type="datetime-local"
            value={snoozeUntil}
            onChange={(event) => setSnoozeUntil(event.target.value)}
            className="rounded border border-stone-300 px-2 py-1"
          />
        </label>
        <Button
          variant="secondary"
          disabled={pending || !snoozeUntil}
          onClick={() =>
            setStatus(
              { conversationId, status: "snoozed", snoozedUntil: fromZonedTime(snoozeUntil, timeZone) },
              t("snoozed"),
            )
          }
        >
          {t("snooze")}
        </Button>
      </div>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
    </section>
  );
}
