import { Notice } from "@/components/ui/notice";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { auditActions, auditFiltersSchema, listAuditEntries } from "@/lib/audit/list-audit-entries";
import { requireArea } from "@/lib/auth/require-access";
import { formatDateTime } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { auditMessages } from "@/lib/i18n/messages/audit";
import { listUsers } from "@/lib/users/list-users";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator(auditMessages);
  return { title: t("pageTitle") };
}

const field = "mt-1 block w-full rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm";

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireArea("audit");
  const filters = auditFiltersSchema.parse(
    Object.fromEntries(
      Object.entries(await searchParams).map(([key, value]) => [
        key,
        Array.isArray(value) ? value[0] : value || undefined,
      ]),
    ),
  );
  const [{ entries, nextCursor }, actions, users, { t, locale }, timeZone] = await Promise.all([
    listAuditEntries(filters),
    auditActions(),
    listUsers(),
    getTranslator(auditMessages),
    viewerTimeZone(),
  ]);
  // The filters without the page: kept when paging.
  const kept = Object.fromEntries(
    Object.entries(filters).filter(([key, value]) => key !== "before" && value),
  ) as Record<string, string>;
  const olderHref = nextCursor ? `/audit?${new URLSearchParams({ ...kept, before: nextCursor })}` : null;
  return (
    <>
      <PageHeader title={t("pageTitle")} description={t("pageDescription")} />
      <form
        method="get"
        className="mb-6 grid gap-3 sm:grid-cols-[repeat(4,minmax(0,1fr))_auto] sm:items-end"
        aria-label={t("filter")}
      >
        <label className="text-sm">
          {t("user")}
          <select name="userId" defaultValue={filters.userId ?? ""} className={field}>
            <option value="">{t("anyone")}</option>
            <option value="system">{t("system")}</option>
            {users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          {t("action")}
          <select name="action" defaultValue={filters.action ?? ""} className={field}>
            <option value="">{t("anyAction")}</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          {t("from")}
          <input type="date" name="from" defaultValue={filters.from ?? ""} className={field} />
        </label>
        <label className="text-sm">
          {t("to")}
          <input type="date" name="to" defaultValue={filters.to ?? ""} className={field} />
        </label>
        <span className="flex gap-3 text-sm">
          <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 font-medium text-white">
            {t("filter")}
          </button>
          <Link href="/audit" className="self-center text-brand-700 underline">
            {t("clear")}
          </Link>
        </span>
      </form>
      {entries.length === 0 ? (
        <Notice>{t("none")}</Notice>
      ) : (
        <ol
          className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white text-sm"
          data-testid="audit-entries"
        >
          {entries.map((entry) => (
            <li
              key={entry.id}
              className="grid gap-1 p-3 wrap-anywhere sm:grid-cols-[11rem_10rem_minmax(0,1fr)]"
              data-testid="audit-entry"
            >
              <span className="text-stone-600">{formatDateTime(entry.createdAt, locale, timeZone)}</span>
              <span>{entry.actor?.name ?? t("system")}</span>
              <span>
                <span className="font-medium">{entry.action}</span>
                <span className="text-stone-600">
                  {" "}
                  · {t("on")} {entry.entityType}
                  {entry.entityId &&
                    (entry.entityType === "conversation" ? (
                      <Link className="ml-1 text-brand-700 underline" href={`/inbox/${entry.entityId}`}>
                        {entry.entityId}
                      </Link>
                    ) : (
                      ` ${entry.entityId}`
                    ))}
                </span>
                {entry.data !== null && (
                  <code className="mt-1 block text-xs whitespace-pre-wrap text-stone-700">
                    {JSON.stringify(entry.data)}
                  </code>
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
      <p className="mt-4 flex gap-4 text-sm">
        {filters.before && (
          <Link className="text-brand-700 underline" href={`/audit?${new URLSearchParams(kept)}`}>
            {t("newest")}
          </Link>
        )}
        {olderHref && (
          <Link className="text-brand-700 underline" href={olderHref}>
            {t("older")}
          </Link>
        )}
      </p>
    </>
  );
}
