import { CHANNELS } from "@/lib/channels/channels";
import { z } from "zod";
import { INBOX_SORTS, INBOX_VIEWS, type InboxFilters, type InboxSort, type InboxView } from "@/lib/inbox/inbox-views";

// What the list's URL says (view, order, filters): read strictly by the list API (a bad value is
// a 400 that names it) and leniently by the page (a stale or edited link drops what it cannot read).

export const inboxQuerySchema = z.object({
  view: z.enum(INBOX_VIEWS, { error: `view must be one of ${INBOX_VIEWS.join(", ")}` }).default("needs_human"),
  sort: z.enum(INBOX_SORTS, { error: `sort must be one of ${INBOX_SORTS.join(", ")}` }).optional(),
  channel: z.enum(CHANNELS, { error: `channel must be one of ${CHANNELS.join(", ")}` }).optional(),
  sentiment: z
    .enum(["positive", "neutral", "negative"], { error: "sentiment must be positive, neutral or negative" })
    .optional(),
  assignee: z.string().min(1).max(100).optional(),
  tag: z.string().min(1).max(40).optional(),
});

export type InboxQuery = { view: InboxView; sort?: InboxSort; filters: InboxFilters };

/** The page's reading of its URL: each value that cannot be read is left out. */
export function readInboxQuery(params: Record<string, string | string[] | undefined>): InboxQuery {
  const value = <K extends keyof typeof inboxQuerySchema.shape>(key: K) => {
    const raw = params[key];
    const parsed = inboxQuerySchema.shape[key].safeParse(Array.isArray(raw) ? raw[0] : raw);
    return parsed.success ? (parsed.data as z.infer<(typeof inboxQuerySchema.shape)[K]>) : undefined;
  };
  const filters: InboxFilters = {
    channel: value("channel"),
    sentiment: value("sentiment"),
    assignee: value("assignee"),
    tag: value("tag"),
  };
  return {
    view: value("view") ?? "needs_human",
    sort: value("sort"),
    filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as InboxFilters,
  };
}

/** The URL search part of a list state (the defaults left out). */
export function inboxQueryString(query: InboxQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ view: query.view });
  if (query.sort) params.set("sort", query.sort);
  for (const [key, value] of Object.entries(query.filters)) if (value) params.set(key, value);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}
