"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { addNoteAction, assignToMeAction, changeStatusAction } from "@/app/(app)/inbox/[conversationId]/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";

type Props = { conversationId: string; status: string; assignedToMe: boolean };

/** Assign, snooze, close or reopen, and internal notes; keys a (assign to me), e (close), n (note). */
export function ConversationActions({ conversationId, status, assignedToMe }: Props) {
  const statusAction = useServerAction(changeStatusAction);
  const assign = useServerAction(assignToMeAction);
  const note = useServerAction(addNoteAction);
  const [noteText, setNoteText] = useState("");
  const [snoozeUntil, setSnoozeUntil] = useState("");
  const noteRef = useRef<HTMLTextAreaElement>(null);
  // Only the latest action's outcome is shown.
  const [latest, setLatest] = useState<"status" | "assign" | "note" | null>(null);
  const message = latest === "status" ? statusAction.message : latest === "assign" ? assign.message : latest === "note" ? note.message : null;
  const doStatus: typeof statusAction.run = (input, onSuccess) => {
    setLatest("status");
    statusAction.run(input, onSuccess);
  };
  const doAssign: typeof assign.run = (input, onSuccess) => {
    setLatest("assign");
    assign.run(input, onSuccess);
  };
  const doNote: typeof note.run = (input, onSuccess) => {
    setLatest("note");
    note.run(input, onSuccess);
  };

  // The latest handler, read by one long-lived key listener.
  const onKey = useRef<(event: KeyboardEvent) => void>(() => {});
  useEffect(() => {
    onKey.current = (event) => {
      if (event.target instanceof HTMLElement && ["INPUT", "TEXTAREA", "SELECT"].includes(event.target.tagName)) return;
      if (event.key === "a" && !assignedToMe) doAssign({ conversationId }, () => "Assigned to you.");
      if (event.key === "e" && status !== "closed") doStatus({ conversationId, status: "closed", resolution: "resolved" }, () => "Closed as resolved.");
      if (event.key === "n") {
        event.preventDefault();
        noteRef.current?.focus();
      }
    };
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey.current(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  function onNote(event: FormEvent) {
    event.preventDefault();
    // The text stays in the box until the note is saved: nothing typed is lost on a failure.
    doNote({ conversationId, text: noteText }, () => {
      setNoteText("");
      return "Note added.";
    });
  }

  const pending = statusAction.pending || assign.pending;
  return (
    <section aria-label="Actions" className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" disabled={pending} onClick={() => doAssign({ conversationId, unassign: assignedToMe }, () => (assignedToMe ? "Unassigned." : "Assigned to you."))}>
          {assignedToMe ? "Unassign" : "Assign to me (a)"}
        </Button>
        {status === "closed" ? (
          <Button variant="secondary" disabled={pending} onClick={() => doStatus({ conversationId, status: "open" }, () => "Reopened.")}>
            Reopen
          </Button>
        ) : (
          <>
            <Button disabled={pending} onClick={() => doStatus({ conversationId, status: "closed", resolution: "resolved" }, () => "Closed as resolved.")}>
              Close as resolved (e)
            </Button>
            <Button variant="secondary" disabled={pending} onClick={() => doStatus({ conversationId, status: "closed", resolution: "not_resolved" }, () => "Closed as not resolved.")}>
              Close as not resolved
            </Button>
            <Button variant="secondary" disabled={pending || status === "pending"} onClick={() => doStatus({ conversationId, status: "pending" }, () => "Marked pending.")}>
              Pending
            </Button>
          </>
        )}
        <label className="ml-auto flex items-center gap-2 text-xs text-stone-600" htmlFor="snooze-until">
          Snooze until
          <input id="snooze-until" type="datetime-local" value={snoozeUntil} onChange={(event) => setSnoozeUntil(event.target.value)} className="rounded border border-stone-300 px-2 py-1" />
        </label>
        <Button variant="secondary" disabled={pending || !snoozeUntil} onClick={() => doStatus({ conversationId, status: "snoozed", snoozedUntil: new Date(snoozeUntil).toISOString() }, () => "Snoozed.")}>
          Snooze
        </Button>
      </div>
      <form onSubmit={onNote} className="space-y-2">
        <label htmlFor="internal-note" className="block text-xs font-medium text-amber-800">
          Internal note (n): only the team sees it
        </label>
        <textarea id="internal-note" ref={noteRef} value={noteText} onChange={(event) => setNoteText(event.target.value)} rows={3} className="block w-full rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm" />
        {note.fieldErrors.text && <p className="text-xs text-red-700">{note.fieldErrors.text[0]}</p>}
        <Button type="submit" variant="secondary" pending={note.pending}>
          Add note
        </Button>
      </form>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
    </section>
  );
}
