// The inbox views, shared by the list query (server) and the list (client). Labels live in lib/i18n/messages/inbox.ts.
export const INBOX_VIEWS = ["needs_human", "mine", "unassigned", "all_open", "snoozed", "closed"] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

export function parseInboxView(value: string | undefined): InboxView {
  return (INBOX_VIEWS as readonly string[]).includes(value ?? "") ? (value as InboxView) : "needs_human";
}
