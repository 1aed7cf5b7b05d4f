import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CustomerReplyForm } from "@/components/outbox/customer-reply-form";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireArea } from "@/lib/auth/require-access";
import { channelTransports } from "@/lib/env";
import { formatDateTime } from "@/lib/i18n/format";
import { stepLabel } from "@/lib/i18n/labels";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { inboxMessages } from "@/lib/i18n/messages/inbox";
import { outboxMessages } from "@/lib/i18n/messages/outbox";
import { listOutbox, type OutboxEntry } from "@/lib/outbox/list-outbox";
import { CANNED_CUSTOMER_REPLIES } from "@/lib/outbox/reply-as-customer";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator(outboxMessages);
  return { title: t("pageTitle") };
}

const FILTERS = [
  { key: "filterAll", channel: undefined },
  { key: "filterEmail", channel: "email" },
  { key: "filterSms", channel: "sms" },
] as const;

export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ channel?: string }> }) {
  await requireArea("outbox");
  const transports = channelTransports();
  if (transports.email !== "outbox" && transports.sms !== "outbox") notFound();
  const { t, locale } = await getTranslator(outboxMessages);
  const { t: ti } = await getTranslator(inboxMessages);
  const requested = (await searchParams).channel;
  const channel = requested === "email" || requested === "sms" ? requested : undefined;
  const [{ entries, total }, timeZone] = await Promise.all([listOutbox({ channel }), viewerTimeZone()]);

  const originLabel = (entry: OutboxEntry) => {
    const origin = entry.origin;
    if (!origin) return t("origin_none");
    if ("flow" in origin)
      return t("origin_flow", {
        flow: ti(`flow_${origin.flow}` as "flow_manual"),
        step: stepLabel(origin.step, locale),
      });
    return origin.authorType === "staff" ? t("origin_staff") : t("origin_automation");
  };

  return (
    <div className="space-y-6">
      <PageHeader title={t("pageTitle")} description={t("pageDescription")} />
      <nav aria-label={t("filterLabel")} className="flex flex-wrap items-center gap-2 text-sm">
        {FILTERS.map((filter) => (
          <Link
            key={filter.key}
            href={filter.channel ? `/outbox?channel=${filter.channel}` : "/outbox"}
            aria-current={channel === filter.channel ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${channel === filter.channel ? "border-brand-600 bg-brand-50 text-brand-700" : "border-stone-300 text-stone-700 hover:bg-stone-100"}`}
          >
            {t(filter.key)}
          </Link>
        ))}
        <span className="text-xs text-stone-500">{t("count", { shown: entries.length, total })}</span>
      </nav>
      {entries.length === 0 ? (
        <Notice>{t("empty")}</Notice>
      ) : (
        <ol className="space-y-4">
          {entries.map((entry) => (
            <li
              key={entry.id}
              data-testid="outbox-message"
              data-channel={entry.channel}
              className="min-w-0 rounded-lg border border-stone-200 bg-white p-4 shadow-sm"
            >
              <div className="flex flex-wrap items-baseline justify-between gap-2 text-xs text-stone-600">
                <span className="font-medium text-stone-800">
                  {entry.channel === "email" ? `✉ ${t("email")}` : `💬 ${t("sms")}`} · {originLabel(entry)}
                </span>
                <span>
                  {formatDateTime(entry.createdAt, locale, timeZone)} ·{" "}
                  {entry.deliveredAt ? t("delivered") : t("notDelivered")}
                </span>
              </div>
              <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs">
                <dt className="text-stone-500">{t("from")}</dt>
                <dd className="min-w-0 break-all">{entry.from}</dd>
                <dt className="text-stone-500">{t("to")}</dt>
                <dd className="min-w-0 break-all">
                  {entry.customerName ? `${entry.customerName} <${entry.to}>` : entry.to}
                </dd>
                {entry.replyTo && (
                  <>
                    <dt className="text-stone-500">{t("replyTo")}</dt>
                    <dd className="min-w-0 break-all">{entry.replyTo}</dd>
                  </>
                )}
                {entry.subject && (
                  <>
                    <dt className="text-stone-500">{t("subject")}</dt>
                    <dd className="min-w-0 font-medium text-stone-900" data-testid="outbox-subject">
                      {entry.subject}
                    </dd>
                  </>
                )}
              </dl>
              {entry.channel === "sms" ? (
                <div className="mt-3 max-w-md">
                  <p
                    className="rounded-2xl rounded-bl-sm bg-stone-100 px-4 py-2 text-sm whitespace-pre-wrap [overflow-wrap:anywhere]"
                    data-testid="outbox-text"
                  >
                    {entry.text}
                  </p>
                  {entry.sms && <p className="mt-1 text-xs text-stone-500">{t("segments", entry.sms)}</p>}
                </div>
              ) : (
                <div className="mt-3 space-y-2">
                  <pre
                    className="max-h-80 overflow-auto rounded-md bg-stone-50 p-3 text-sm whitespace-pre-wrap [overflow-wrap:anywhere]"
                    data-testid="outbox-text"
                  >
                    {entry.text}
                  </pre>
                  <div className="flex flex-wrap gap-4 text-xs">
                    {entry.hasHtml && (
                      <a
                        className="text-brand-700 underline"
                        href={`/api/outbox/${entry.id}/html`}
                        target="_blank"
                        rel="noreferrer"
                      >
                        {t("viewHtml")}
                      </a>
                    )}
                    {entry.headers.length > 0 && (
                      <details>
                        <summary className="cursor-pointer text-stone-600">{t("headers")}</summary>
                        <ul className="mt-1 space-y-0.5 font-mono text-[11px] break-all text-stone-700">
                          {entry.headers.map((header) => (
                            <li key={`${header.name}-${header.value}`}>
                              {header.name}: {header.value}
                            </li>
                          ))}
                        </ul>
                      </details>
                    )}
                  </div>
                </div>
              )}
              <div className="mt-3 flex flex-wrap items-start justify-between gap-3 border-t border-stone-100 pt-3">
                {entry.conversationId ? (
                  <Link className="text-xs text-brand-700 underline" href={`/inbox/${entry.conversationId}`}>
                    {t("openConversation")}
                  </Link>
                ) : (
                  <span />
                )}
                {entry.conversationId && (
                  <CustomerReplyForm
                    outboxMessageId={entry.id}
                    title={entry.customerName ? t("replyTitle", { name: entry.customerName }) : t("replyAnon")}
                    canned={{
                      happy: CANNED_CUSTOMER_REPLIES.happy[entry.customerLocale],
                      problem: CANNED_CUSTOMER_REPLIES.problem[entry.customerLocale],
                      stop: entry.channel === "sms" ? CANNED_CUSTOMER_REPLIES.stop[entry.customerLocale] : null,
                    }}
                  />
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
