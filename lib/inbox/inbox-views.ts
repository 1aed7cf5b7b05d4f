// The inbox views, sorts and filters, shared by the list query (server) and the list (client).
// Labels live in lib/i18n/messages/inbox.ts.
import type { Channel } from "@/lib/channels/channels";
export const INBOX_VIEWS = ["needs_human", "mine", "unassigned", "all_open", "snoozed", "closed"] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

export function parseInboxView(value: string | undefined): InboxView {
  return (INBOX_VIEWS as readonly string[]).includes(value ?? "") ? (value as InboxView) : "needs_human";
}

/** Most urgent first (then who waited longest), latest activity first, or who has waited longest first. */
export const INBOX_SORTS = ["urgency", "newest", "oldest_waiting"] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

/** Needs human reads most urgent first; the other views latest activity first. */
export function defaultSort(view: InboxView): InboxSort {
  return view === "needs_human" ? "urgency" : "newest";
}

export type InboxFilters = {
  channel?: Channel;
  sentiment?: "positive" | "neutral" | "negative";
  /** A teammate's id, or "none" for unassigned conversations. */
  assignee?: string;
  tag?: string;
};
