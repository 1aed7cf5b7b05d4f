"use client";

import { CHANNEL_LABEL, CHANNEL_MARK, type Channel } from "@/lib/channels/channels";
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { BulkActionBar } from "@/components/inbox/bulk-action-bar";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useTranslator } from "@/components/i18n/locale-provider";
import { useViewerTimeZone } from "@/components/i18n/time-zone-provider";
import { formatDateTime, formatDuration } from "@/lib/i18n/format";
import { priorityLabel } from "@/lib/i18n/labels";
import { inboxMessages } from "@/lib/i18n/messages/inbox";
import { ListFilters } from "@/components/inbox/list-filters";
import { inboxQueryString, type InboxQuery } from "@/lib/inbox/inbox-query";
import { INBOX_VIEWS, type InboxView } from "@/lib/inbox/inbox-views";

type View = InboxView;

type Row = {
  id: string;
  customerName: string | null;
  channels: Channel[];
  subject: string | null;
  snippet: string;
  lastDirection: "inbound" | "outbound" | null;
  status: string;
  priority: "low" | "normal" | "high" | "urgent";
  sentiment: "positive" | "neutral" | "negative" | null;
  intent: "praise" | "problem" | "question" | "opt_out" | "other" | null;
  assignee: { id: string; name: string } | null;
  tags: string[];
  waitingSince: string | null;
  lastMessageAt: string;
  snoozedUntil: string | null;
  unread: boolean;
};
type Page = { rows: Row[]; nextCursor: string | null; counts: Record<View, number> };

const POLL_MS = 10_000;
// Unread counts cost a pass over their views: polled less often than the page.
const UNREAD_POLL_MS = 30_000;

const chip = {
  positive: "bg-emerald-50 text-emerald-800",
  neutral: "bg-stone-100 text-stone-700",
  negative: "bg-red-50 text-red-800",
} as Record<string, string>;

async function fetchPage(query: InboxQuery, cursor: string | null): Promise<Page> {
  const response = await fetch(`/api/inbox/conversations?${inboxQueryString(query, cursor ? { cursor } : {})}`, {
    cache: "no-store",
  });
  if (!response.ok)
    throw new Error(
      (await response.json().catch(() => null))?.error ?? `The inbox could not be loaded (${response.status}).`,
    );
  return response.json();
}

/**
 * The conversation list: view tabs with live counts, polling for new messages, j/k/enter, and a
 * selection (checkboxes, shift-click for a range, x) for bulk actions.
 */
export function ConversationList({
  query: listQuery,
  currentUserId,
  teammates,
  tags,
}: {
  query: InboxQuery;
  currentUserId: string;
  teammates: { id: string; name: string }[];
  tags: string[];
}) {
  const { view } = listQuery;
  const filtered = Object.values(listQuery.filters).some(Boolean);
  const router = useRouter();
  const queryClient = useQueryClient();
  // The row a shift-click extends the selection from.
  const anchor = useRef<number | null>(null);
  const { t, locale } = useTranslator(inboxMessages);
  const timeZone = useViewerTimeZone();
  const label = (key: View) => t(`view_${key}`);
  const [focused, setFocused] = useState(0);
  const query = useInfiniteQuery({
    queryKey: ["inbox", listQuery],
    queryFn: ({ pageParam }) => fetchPage(listQuery, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: POLL_MS,
  });
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.rows) ?? [], [query.data]);
  const counts = query.data?.pages[0]?.counts;
  const unreadQuery = useQuery({
    queryKey: ["inbox", "unread"],
    queryFn: async (): Promise<Partial<Record<View, number>>> => {
      const response = await fetch("/api/inbox/unread", { cache: "no-store" });
      if (!response.ok) throw new Error(`unread ${response.status}`);
      return response.json();
    },
    refetchInterval: UNREAD_POLL_MS,
  });
  const unread = unreadQuery.data;
  // The selection belongs to one list: another view or filter starts with nothing selected.
  const listKey = inboxQueryString(listQuery);
  const [selection, setSelection] = useState<{ listKey: string; ids: Set<string> }>({ listKey, ids: new Set() });
  const selected = selection.listKey === listKey ? selection.ids : new Set<string>();
  const setSelected = (update: Set<string> | ((current: Set<string>) => Set<string>)) =>
    setSelection((current) => {
      const ids = current.listKey === listKey ? current.ids : new Set<string>();
      return { listKey, ids: typeof update === "function" ? update(ids) : update };
    });

  function toggle(index: number, range: boolean) {
    const row = rows[index];
    if (!row) return;
    // Read now: the updater below runs later, after the anchor has moved.
    const from = range && anchor.current !== null ? Math.min(anchor.current, index) : index;
    const to = range && anchor.current !== null ? Math.max(anchor.current, index) : index;
    setSelected((current) => {
      const next = new Set(current);
      const select = !current.has(row.id);
      for (let i = from; i <= to; i++) {
        const id = rows[i]!.id;
        if (select) next.add(id);
        else next.delete(id);
      }
      return next;
    });
    anchor.current = index;
  }
  const allShownSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.target instanceof HTMLElement && ["INPUT", "TEXTAREA", "SELECT"].includes(event.target.tagName)) return;
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === "j") setFocused((i) => Math.min(i + 1, Math.max(rows.length - 1, 0)));
      if (event.key === "k") setFocused((i) => Math.max(i - 1, 0));
      if (event.key === "Enter" && rows[focused]) router.push(`/inbox/${rows[focused].id}?view=${view}`);
      if (event.key === "x") toggle(focused, event.shiftKey);
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  return (
    <div className="space-y-4">
      <nav aria-label={t("views")} className="flex flex-wrap gap-1">
        {INBOX_VIEWS.map((key) => (
          <Link
            key={key}
            href={`/inbox?${inboxQueryString({ ...listQuery, view: key })}`}
            aria-current={key === view ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm ${key === view ? "bg-brand-600 text-white" : "bg-white text-stone-700 ring-1 ring-stone-200 hover:bg-stone-100"}`}
          >
            {label(key)}{" "}
            <span data-testid={`count-${key}`} className="ml-1 tabular-nums opacity-80">
              {counts ? counts[key] : "…"}
            </span>
            {unread?.[key] ? (
              <span
                data-testid={`unread-${key}`}
                className={`ml-1.5 rounded-full px-1.5 text-xs font-semibold tabular-nums ${key === view ? "bg-white text-brand-700" : "bg-brand-600 text-white"}`}
              >
                {t("unreadCount", { count: unread[key] })}
              </span>
            ) : null}
          </Link>
        ))}
      </nav>

      {query.isPending && (
        <p className="text-sm text-stone-500" role="status">
          {t("loading")}
        </p>
      )}
      {query.isError && (
        <Notice tone="error" title={t("loadFailed")}>
          {query.error.message}{" "}
          <button className="underline" onClick={() => query.refetch()}>
            {t("tryAgain")}
          </button>
        </Notice>
      )}
      <ListFilters query={listQuery} currentUserId={currentUserId} teammates={teammates} tags={tags} />

      {query.isSuccess && rows.length === 0 && (
        <Notice>{t(filtered ? "emptyFiltered" : "emptyView", { view: label(view) })}</Notice>
      )}

      <BulkActionBar
        selectedIds={[...selected]}
        view={view}
        currentUserId={currentUserId}
        teammates={teammates}
        onApplied={(stillSelected) => {
          setSelected(new Set(stillSelected));
          void queryClient.invalidateQueries({ queryKey: ["inbox"] });
          router.refresh();
        }}
        onClear={() => setSelected(new Set())}
      />

      {rows.length > 0 && (
        <label className="flex w-fit items-center gap-2 px-4 text-xs text-stone-600">
          <input
            type="checkbox"
            checked={allShownSelected}
            onChange={() => setSelected(allShownSelected ? new Set() : new Set(rows.map((row) => row.id)))}
            className="size-4"
          />
          {t("selectAllShown")}
        </label>
      )}

      {rows.length > 0 && (
        <ul
          className="divide-y divide-stone-100 overflow-hidden rounded-lg border border-stone-200 bg-white"
          aria-label={t("conversationsIn", { view: label(view) })}
        >
          {rows.map((row, index) => (
            <li
              key={row.id}
              className={`flex items-start ${index === focused ? "bg-brand-50" : selected.has(row.id) ? "bg-brand-50/60" : ""}`}
            >
              <input
                type="checkbox"
                checked={selected.has(row.id)}
                // Shift-click selects the range from the last row clicked (Space on the box is a click too).
                onClick={(event) => toggle(index, event.shiftKey)}
                onChange={() => {}}
                onFocus={() => setFocused(index)}
                aria-label={t("selectConversation", { name: row.customerName ?? t("unknownCustomer") })}
                data-testid="select-conversation"
                className="mt-4 ml-4 size-4 shrink-0"
              />
              <Link
                href={`/inbox/${row.id}?view=${view}`}
                className="block min-w-0 flex-1 px-3 py-3 focus-visible:outline-2 focus-visible:outline-brand-600"
                data-testid="conversation-row"
                onFocus={() => setFocused(index)}
              >
                <div className="flex flex-wrap items-center gap-2">
                  {row.unread && (
                    <span className="relative size-2 shrink-0 rounded-full bg-brand-600" data-testid="unread-dot">
                      <span className="sr-only">{t("unread")}</span>
                    </span>
                  )}
                  <span
                    className={`max-w-full truncate ${row.unread ? "font-bold text-stone-950" : "font-medium"}`}
                    title={row.customerName ?? t("unknownCustomer")}
                  >
                    {row.customerName ?? t("unknownCustomer")}
                  </span>
                  <span
                    className="text-xs text-stone-500"
                    aria-label={t("channelsLabel", {
                      channels: row.channels.map((c) => t(CHANNEL_LABEL[c])).join(", "),
                    })}
                  >
                    {row.channels.map((c) => CHANNEL_MARK[c]).join(" ")}
                  </span>
                  {row.priority === "high" || row.priority === "urgent" ? (
                    <span className="rounded bg-red-600 px-1.5 text-xs text-white">
                      {priorityLabel(row.priority, locale)}
                    </span>
                  ) : null}
                  {row.sentiment && (
                    <span className={`rounded px-1.5 text-xs ${chip[row.sentiment] ?? ""}`}>
                      {t(`sentiment_${row.sentiment}`)}
                    </span>
                  )}
                  {row.intent && (
                    <span className="rounded bg-sky-50 px-1.5 text-xs text-sky-800">{t(`intent_${row.intent}`)}</span>
                  )}
                  {row.tags.map((tag) => (
                    <span key={tag} className="rounded bg-stone-100 px-1.5 text-xs text-stone-600">
                      #{tag}
                    </span>
                  ))}
                  <span className="ml-auto flex max-w-full min-w-0 flex-wrap gap-x-1 text-xs text-stone-500">
                    <span className="max-w-40 truncate" title={row.assignee?.name}>
                      {row.assignee ? row.assignee.name : t("unassigned")}
                    </span>
                    {row.waitingSince && (
                      <span>· {t("waiting", { time: formatDuration(row.waitingSince, locale) })}</span>
                    )}
                    {row.status === "snoozed" && row.snoozedUntil && (
                      <span data-testid="snoozed-until">
                        · {t("snoozedUntilTime", { time: formatDateTime(row.snoozedUntil, locale, timeZone) })}
                      </span>
                    )}
                    <span>
                      ·{" "}
                      <time dateTime={row.lastMessageAt} data-testid="conversation-time">
                        {formatDateTime(row.lastMessageAt, locale, timeZone)}
                      </time>
                    </span>
                  </span>
                </div>
                {row.subject && (
                  <p className="mt-1 truncate text-sm text-stone-800" data-testid="conversation-subject">
                    {row.subject}
                  </p>
                )}
                <p className="mt-1 truncate text-sm text-stone-600" title={row.snippet || undefined}>
                  {row.snippet || t("noText")}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {query.hasNextPage && (
        <Button variant="secondary" pending={query.isFetchingNextPage} onClick={() => query.fetchNextPage()}>
          {t("loadMore")}
        </Button>
      )}
    </div>
  );
}
