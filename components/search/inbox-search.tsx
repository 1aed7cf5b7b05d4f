"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useTranslator } from "@/components/i18n/locale-provider";
import { formatDateTime } from "@/lib/i18n/format";
import { useViewerTimeZone } from "@/components/i18n/time-zone-provider";
import { searchMessages } from "@/lib/i18n/messages/search";
import type { CustomerHit, MessageHit, SearchResult } from "@/lib/search/search-inbox";

// What the route answers (dates arrive as strings).
type MessageRow = Omit<MessageHit, "createdAt"> & { createdAt: string };
type Page = Omit<SearchResult, "messages"> & { messages: MessageRow[] };

const MIN_LENGTH = 2;
const MAX_LENGTH = 200;
const DEBOUNCE_MS = 300;

async function fetchPage(query: string, cursor: string | null, signal: AbortSignal): Promise<Page> {
  const params = new URLSearchParams({ q: query });
  if (cursor) params.set("cursor", cursor);
  const response = await fetch(`/api/inbox/search?${params}`, { cache: "no-store", signal });
  if (!response.ok) throw new Error((await response.json().catch(() => null))?.error ?? `HTTP ${response.status}`);
  return response.json();
}

/** The text as the query will be run: what the URL holds and what the cache is keyed by. */
function normalize(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Search box and results; the URL's ?q= follows what is searched, so results can be linked. */
export function InboxSearch({ initialQuery }: { initialQuery: string }) {
  const { t, locale } = useTranslator(searchMessages);
  const timeZone = useViewerTimeZone();
  const [text, setText] = useState(initialQuery);
  const [query, setQuery] = useState(normalize(initialQuery));
  const inputRef = useRef<HTMLInputElement>(null);
  const resultsRef = useRef<HTMLDivElement>(null);
  const written = useRef(normalize(initialQuery));
  const urlQuery = normalize(useSearchParams().get("q") ?? "");

  // Typing settles for a moment before the search runs.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(normalize(text)), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  // The URL follows the query without a navigation (history.replaceState keeps Next's router in step).
  useEffect(() => {
    if (query === written.current) return;
    written.current = query;
    window.history.replaceState(
      window.history.state,
      "",
      query ? `/inbox/search?q=${encodeURIComponent(query)}` : "/inbox/search",
    );
  }, [query]);

  // A navigation to another ?q= (the inbox's search box, back and forward) brings its query in.
  useEffect(() => {
    if (urlQuery === written.current) return;
    written.current = urlQuery;
    setText(urlQuery);
    setQuery(urlQuery);
  }, [urlQuery]);

  useEffect(() => inputRef.current?.focus(), []);

  const enabled = query.length >= MIN_LENGTH;
  const search = useInfiniteQuery({
    queryKey: ["inbox-search", query],
    queryFn: ({ pageParam, signal }) => fetchPage(query, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const messages = useMemo(() => search.data?.pages.flatMap((p) => p.messages) ?? [], [search.data]);
  const customers = search.data?.pages[0]?.customers ?? [];
  const shownQuery = search.data?.pages[0]?.query ?? query;

  function moveFocus(event: KeyboardEvent, from: "input" | "results") {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = Array.from(resultsRef.current?.querySelectorAll<HTMLAnchorElement>("a[data-search-result]") ?? []);
    if (links.length === 0) return;
    event.preventDefault();
    if (from === "input") {
      if (event.key === "ArrowDown") links[0]!.focus();
      return;
    }
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (event.key === "ArrowDown") links[Math.min(index + 1, links.length - 1)]!.focus();
    else if (index <= 0) inputRef.current?.focus();
    else links[index - 1]!.focus();
  }

  return (
    <div className="space-y-6">
      <form
        role="search"
        className="max-w-2xl"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery(normalize(text));
        }}
      >
        <label htmlFor="search-q" className="block text-sm font-medium text-stone-800">
          {t("label")}
        </label>
        <div className="mt-1 flex gap-2">
          <input
            ref={inputRef}
            id="search-q"
            name="q"
            type="search"
            value={text}
            maxLength={MAX_LENGTH}
            autoComplete="off"
            placeholder={t("placeholder")}
            aria-describedby="search-hint"
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => moveFocus(event, "input")}
            className="block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm focus:outline-2 focus:outline-offset-0 focus:outline-brand-500"
          />
          <Button type="submit">{t("submit")}</Button>
        </div>
        <p id="search-hint" className="mt-1 text-xs text-stone-500">
          {t("hint")} {t("keys")}
        </p>
      </form>

      <div ref={resultsRef} onKeyDown={(event) => moveFocus(event, "results")} className="space-y-6">
        {query.length > 0 && !enabled && <p className="text-sm text-stone-500">{t("tooShort")}</p>}
        {enabled && search.isPending && (
          <p className="text-sm text-stone-500" role="status">
            {t("searching")}
          </p>
        )}
        {enabled && search.isError && (
          <Notice tone="error" title={t("failed")}>
            {search.error.message}{" "}
            <button type="button" className="underline" onClick={() => search.refetch()}>
              {t("tryAgain")}
            </button>
          </Notice>
        )}

        {enabled && search.isSuccess && (
          <div className="space-y-6" aria-busy={search.isPlaceholderData || undefined}>
            <p className="sr-only" role="status">
              {t("resultsFor", { query: shownQuery })}
            </p>
            {customers.length > 0 && (
              <CustomerResults
                customers={customers}
                title={t("customers")}
                unknown={t("unknownCustomer")}
                noConversation={t("noConversation")}
              />
            )}
            <section aria-labelledby="search-messages">
              <h2 id="search-messages" className="mb-2 text-sm font-semibold text-stone-700">
                {t("messages")}
              </h2>
              {messages.length === 0 ? (
                <Notice>{t("noMessages", { query: shownQuery })}</Notice>
              ) : (
                <ul className="divide-y divide-stone-100 overflow-hidden rounded-lg border border-stone-200 bg-white">
                  {messages.map((hit) => {
                    const name = hit.customerName ?? t("unknownCustomer");
                    return (
                      <li key={hit.messageId} className={hit.isInternalNote ? "bg-amber-50" : undefined}>
                        <Link
                          href={`/inbox/${hit.conversationId}#message-${hit.messageId}`}
                          data-search-result
                          data-testid="search-message"
                          className="block px-4 py-3 hover:bg-stone-50 focus-visible:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-600"
                        >
                          <div className="flex flex-wrap items-center gap-2 text-sm">
                            <span className="max-w-full truncate font-medium" title={name}>
                              {hit.direction === "inbound" ? t("fromCustomer", { name }) : t("toCustomer", { name })}
                            </span>
                            <span className="rounded bg-stone-100 px-1.5 text-xs text-stone-600">
                              {t(`channel_${hit.channel}`)}
                            </span>
                            {hit.isInternalNote && (
                              <span className="rounded bg-amber-200 px-1.5 text-xs text-amber-900">
                                {t("internalNote")}
                              </span>
                            )}
                            <time
                              dateTime={hit.createdAt}
                              className="ml-auto text-xs text-stone-500"
                              data-testid="search-message-time"
                            >
                              {formatDateTime(hit.createdAt, locale, timeZone)}
                            </time>
                          </div>
                          {hit.subject && (
                            <p className="mt-0.5 truncate text-xs text-stone-500" title={hit.subject}>
                              {hit.subject}
                            </p>
                          )}
                          <p className="mt-1 text-sm text-stone-700 wrap-anywhere">
                            {hit.snippetParts.length === 0
                              ? t("noText")
                              : hit.snippetParts.map((part, index) =>
                                  part.match ? (
                                    <mark key={index} className="rounded-sm bg-yellow-100 px-0.5 text-stone-900">
                                      {part.text}
                                    </mark>
                                  ) : (
                                    <span key={index}>{part.text}</span>
                                  ),
                                )}
                          </p>
                        </Link>
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>
            {search.hasNextPage && (
              <Button variant="secondary" pending={search.isFetchingNextPage} onClick={() => search.fetchNextPage()}>
                {t("loadMore")}
              </Button>
            )}
          </div>
        )}
      </div>
    </div>
  );
}

function CustomerResults({
  customers,
  title,
  unknown,
  noConversation,
}: {
  customers: CustomerHit[];
  title: string;
  unknown: string;
  noConversation: string;
}) {
  return (
    <section aria-labelledby="search-customers">
      <h2 id="search-customers" className="mb-2 text-sm font-semibold text-stone-700">
        {title}
      </h2>
      <ul className="divide-y divide-stone-100 overflow-hidden rounded-lg border border-stone-200 bg-white">
        {customers.map((customer) => {
          const details = (
            <>
              <span className="max-w-full truncate font-medium" title={customer.name ?? undefined}>
                {customer.name ?? unknown}
              </span>
              <span className="max-w-full text-stone-600 wrap-anywhere">
                {[customer.email, customer.phone].filter(Boolean).join(" · ")}
              </span>
              {!customer.latestConversationId && <span className="text-xs text-stone-500">({noConversation})</span>}
            </>
          );
          return (
            <li key={customer.customerId}>
              {customer.latestConversationId ? (
                <Link
                  href={`/inbox/${customer.latestConversationId}`}
                  data-search-result
                  data-testid="search-customer"
                  className="flex flex-wrap items-baseline gap-x-3 px-4 py-2.5 text-sm hover:bg-stone-50 focus-visible:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-600"
                >
                  {details}
                </Link>
              ) : (
                <div
                  className="flex flex-wrap items-baseline gap-x-3 px-4 py-2.5 text-sm"
                  data-testid="search-customer"
                >
                  {details}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
