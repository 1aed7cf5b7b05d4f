"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslator } from "@/components/i18n/locale-provider";
import { CHANNEL_LABEL, CHANNELS } from "@/lib/channels/channels";
import { TeammateOptions } from "@/components/inbox/teammate-options";
import { inboxMessages } from "@/lib/i18n/messages/inbox";
import { inboxQueryString, type InboxQuery } from "@/lib/inbox/inbox-query";
import { defaultSort, INBOX_SORTS, type InboxFilters, type InboxSort } from "@/lib/inbox/inbox-views";

const select = "mt-0.5 w-auto max-w-full rounded border border-stone-300 bg-white px-2 py-1 text-sm";

/** Sort and filters of the list, kept in the URL (a link or a reload shows the same list). */
export function ListFilters({
  query,
  currentUserId,
  teammates,
  tags,
}: {
  query: InboxQuery;
  currentUserId: string;
  teammates: { id: string; name: string }[];
  tags: string[];
}) {
  const { t } = useTranslator(inboxMessages);
  const router = useRouter();
  const { view, filters } = query;
  const sort = query.sort ?? defaultSort(view);

  function go(next: InboxQuery) {
    router.replace(`/inbox?${inboxQueryString(next)}`, { scroll: false });
  }
  function setFilter<K extends keyof InboxFilters>(key: K, value: string) {
    go({ ...query, filters: { ...filters, [key]: value || undefined } });
  }
  const filtered = Object.values(filters).some(Boolean);

  return (
    <fieldset className="flex flex-wrap items-end gap-3 text-xs text-stone-600" aria-label={t("listOptions")}>
      <legend className="sr-only">{t("listOptions")}</legend>
      <label className="flex flex-col">
        {t("sortLabel")}
        <select
          className={select}
          value={sort}
          onChange={(event) => {
            const value = event.target.value as InboxSort;
            go({ ...query, sort: value === defaultSort(view) ? undefined : value });
          }}
        >
          {INBOX_SORTS.map((key) => (
            <option key={key} value={key}>
              {t(`sort_${key}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col">
        {t("filterChannel")}
        <select
          className={select}
          aria-label={t("filterChannel")}
          value={filters.channel ?? ""}
          onChange={(e) => setFilter("channel", e.target.value)}
        >
          <option value="">{t("filterAny")}</option>
          {CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {t(CHANNEL_LABEL[channel])}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col">
        {t("labelSentiment")}
        <select
          className={select}
          value={filters.sentiment ?? ""}
          onChange={(e) => setFilter("sentiment", e.target.value)}
        >
          <option value="">{t("filterAny")}</option>
          <option value="positive">{t("sentiment_positive")}</option>
          <option value="neutral">{t("sentiment_neutral")}</option>
          <option value="negative">{t("sentiment_negative")}</option>
        </select>
      </label>
      <label className="flex flex-col">
        {t("assignTo")}
        <select
          className={select}
          value={filters.assignee ?? ""}
          onChange={(e) => setFilter("assignee", e.target.value)}
        >
          <option value="">{t("filterAny")}</option>
          <option value="none">{t("unassigned")}</option>
          <TeammateOptions currentUserId={currentUserId} teammates={teammates} />
        </select>
      </label>
      <label className="flex flex-col">
        {t("filterTag")}
        <select className={select} value={filters.tag ?? ""} onChange={(e) => setFilter("tag", e.target.value)}>
          <option value="">{t("filterAny")}</option>
          {/* A tag in the URL that nobody uses any more is still shown, so the select tells the truth. */}
          {[...new Set([...(filters.tag ? [filters.tag] : []), ...tags])].map((tag) => (
            <option key={tag} value={tag}>
              #{tag}
            </option>
          ))}
        </select>
      </label>
      {filtered && (
        <Link
          href={`/inbox?${inboxQueryString({ view, sort: query.sort, filters: {} })}`}
          replace
          className="self-center text-sm text-brand-700 underline"
        >
          {t("clearFilters")}
        </Link>
      )}
    </fieldset>
  );
}
