// The inbox views, shared by the list query (server) and the list (client).
export const INBOX_VIEWS = ["needs_human", "mine", "unassigned", "all_open", "snoozed", "closed"] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

export const VIEW_LABELS: Record<InboxView, string> = {
  needs_human: "Needs human",
  mine: "Mine",
  unassigned: "Unassigned",
  all_open: "All open",
  snoozed: "Snoozed",
  closed: "Closed",
};

export function parseInboxView(value: string | undefined): InboxView {
  return (INBOX_VIEWS as readonly string[]).includes(value ?? "") ? (value as InboxView) : "needs_human";
}
