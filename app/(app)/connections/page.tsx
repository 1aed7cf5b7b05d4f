import { Notice } from "@/components/ui/notice";
import type { Metadata } from "next";
import { CopyField } from "@/components/connections/copy-field";
import { MetaChannelPanel } from "@/components/connections/meta-channel-panel";
import { ReplayButton } from "@/components/connections/replay-button";
import { PageHeader } from "@/components/ui/page-header";
import { requireArea } from "@/lib/auth/require-access";
import { providerSetups } from "@/lib/connections/webhook-endpoints";
import { metaConfigured } from "@/lib/env";
import { metaHumanAgentAllowed } from "@/lib/meta/meta-channel-settings";
import {
  recentWebhookFailures,
  webhookHealth,
  type Counts,
  type TopicHealth,
  type WebhookFailureRow,
} from "@/lib/connections/webhook-health";
import { formatDateTime, formatRelative } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { connectionsMessages } from "@/lib/i18n/messages/connections";
import type { Translate as TranslateFn } from "@/lib/i18n/translate";
import { SHOPIFY_TOPICS } from "@/lib/shopify/map-shopify-webhook";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator(connectionsMessages);
  return { title: t("pageTitle") };
}

type Translate = TranslateFn<keyof typeof connectionsMessages.en>;
type Key = Parameters<Translate>[0];

const REFUSALS = [
  ["rejectedSignature", "reason.signature"],
  ["rejectedAuth", "reason.auth"],
  ["rejectedSize", "reason.size"],
  ["rejectedMalformed", "reason.malformed"],
] as const;

const refused = (counts: Counts) =>
  counts.rejectedSignature + counts.rejectedAuth + counts.rejectedSize + counts.rejectedMalformed;

export default async function ConnectionsPage() {
  await requireArea("connections");
  const now = new Date();
  const [health, failures, { t, locale }, timeZone, metaHumanAgent] = await Promise.all([
    webhookHealth(now),
    recentWebhookFailures(now),
    getTranslator(connectionsMessages),
    viewerTimeZone(),
    metaHumanAgentAllowed(),
  ]);
  const when = (date: Date) => formatDateTime(date, locale, timeZone);
  return (
    <>
      <PageHeader title={t("pageTitle")} description={t("pageDescription")} />
      <div className="space-y-8">
        {providerSetups().map((setup) => (
          <section
            key={setup.provider}
            aria-labelledby={`provider-${setup.provider}`}
            className="rounded-lg border border-stone-200 bg-white p-4"
            data-testid={`provider-${setup.provider}`}
          >
            <header className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id={`provider-${setup.provider}`} className="text-base font-semibold">
                {t(`provider.${setup.provider}` as Key)}
              </h2>
              {setup.missing.length === 0 ? (
                <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs text-emerald-800">{t("ready")}</span>
              ) : (
                <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs text-amber-900">
                  {t("notConfigured", { variables: setup.missing.join(", ") })}
                </span>
              )}
            </header>
            <TopicTable
              rows={health.filter((row) => row.provider === setup.provider)}
              t={t}
              when={when}
              now={now}
              locale={locale}
            />
            {setup.provider === "meta" && (
              <MetaChannelPanel humanAgent={metaHumanAgent} configured={metaConfigured()} />
            )}
            <details className="mt-3 text-sm">
              <summary className="cursor-pointer text-brand-700">{t("setUp")}</summary>
              <ul className="mt-2 space-y-3">
                {setup.urls.map((url) => (
                  <li key={url.key} className="space-y-1">
                    <p className="text-xs text-stone-600">
                      {t(`hint.${url.key}` as Key, { topics: SHOPIFY_TOPICS.join(", ") })}
                    </p>
                    <CopyField value={url.url} label={url.key} copyLabel={t("copy")} copiedLabel={t("copied")} />
                  </li>
                ))}
              </ul>
            </details>
          </section>
        ))}
        <section aria-labelledby="webhook-problems">
          <h2 id="webhook-problems" className="text-base font-semibold">
            {t("problemsTitle")}
          </h2>
          <p className="mt-1 max-w-2xl text-sm text-stone-600">{t("problemsDescription")}</p>
          {failures.length === 0 ? (
            <div className="mt-3">
              <Notice>{t("noProblems")}</Notice>
            </div>
          ) : (
            <ol
              className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white text-sm"
              data-testid="webhook-failures"
            >
              {failures.map((failure) => (
                <li
                  key={failure.id}
                  className="grid gap-1 p-3 wrap-anywhere sm:grid-cols-[10rem_9rem_minmax(0,1fr)_14rem]"
                  data-testid="webhook-failure"
                >
                  <span className="text-stone-600">{when(failure.receivedAt)}</span>
                  <span className="font-mono text-xs">
                    {failure.provider} · {failure.topic}
                  </span>
                  <span>
                    <span className="font-medium">{t(`reason.${failure.reason}` as Key)}</span>
                    <span className="block text-xs text-stone-700">{failure.error}</span>
                  </span>
                  <FailureStatus failure={failure} t={t} when={when} />
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </>
  );
}

function TopicTable({
  rows,
  t,
  when,
  now,
  locale,
}: {
  rows: TopicHealth[];
  t: Translate;
  when: (date: Date) => string;
  now: Date;
  locale: Parameters<typeof formatRelative>[1];
}) {
  return (
    <div className="relative mt-3 overflow-x-auto">
      <table className="w-full min-w-[30rem] text-left text-sm">
        <thead className="text-xs text-stone-600">
          <tr>
            <th className="py-1 pr-3 font-medium">{t("topic")}</th>
            <th className="py-1 pr-3 font-medium">{t("lastDelivery")}</th>
            {(["accepted", "refused", "failed"] as const).map((heading) => (
              <th key={heading} className="py-1 pr-3 font-medium">
                {t(heading)}
                <span className="block font-normal">{t("periods")}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map((row) => (
            <tr key={row.topic} data-testid="webhook-topic">
              <td className="py-1.5 pr-3 font-mono text-xs">{row.topic}</td>
              <td className="py-1.5 pr-3">
                {row.lastAcceptedAt ? (
                  <time dateTime={row.lastAcceptedAt.toISOString()} title={when(row.lastAcceptedAt)}>
                    {formatRelative(row.lastAcceptedAt, locale, now)}
                  </time>
                ) : (
                  <span className="text-stone-500">{t("never")}</span>
                )}
              </td>
              <td className="py-1.5 pr-3">
                <Counted
                  day={row.day.accepted + row.day.duplicates}
                  week={row.week.accepted + row.week.duplicates}
                  t={t}
                />
                {row.week.duplicates > 0 && (
                  <span className="block text-xs text-stone-600">
                    {t("duplicates", { count: row.week.duplicates })}
                  </span>
                )}
              </td>
              <td className={`py-1.5 pr-3 ${refused(row.day) > 0 ? "text-amber-800" : ""}`}>
                <Counted day={refused(row.day)} week={refused(row.week)} t={t} />
                {refused(row.week) > 0 && (
                  <span className="block text-xs">
                    {REFUSALS.filter(([column]) => row.week[column] > 0)
                      .map(([column, label]) => `${t(label)} ${row.week[column]}`)
                      .join(", ")}
                  </span>
                )}
              </td>
              <td className={`py-1.5 ${row.day.failed > 0 ? "font-medium text-red-700" : ""}`}>
                <Counted day={row.day.failed} week={row.week.failed} t={t} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "2 / 9" on screen; the whole sentence for a screen reader. */
function Counted({ day, week, t }: { day: number; week: number; t: Translate }) {
  return (
    <>
      <span aria-hidden className={day + week === 0 ? "text-stone-400" : ""}>
        {day} / {week}
      </span>
      <span className="sr-only">{t("countsFor", { day, week })}</span>
    </>
  );
}

function FailureStatus({
  failure,
  t,
  when,
}: {
  failure: WebhookFailureRow;
  t: Translate;
  when: (date: Date) => string;
}) {
  const name = failure.replayedBy ?? t("someone");
  const isProcessingFailure = failure.reason === "conflict" || failure.reason === "error";
  if (!isProcessingFailure) return <span className="text-xs text-stone-600">{t("refusedNeverReplayed")}</span>;
  const previous =
    failure.replayedAt && failure.replayOutcome ? (
      <span className="block text-xs text-stone-700">
        {t(`outcome.${failure.replayOutcome}` as Key, {
          name,
          date: when(failure.replayedAt),
          error: failure.replayError ?? "",
        })}
      </span>
    ) : null;
  if (failure.replayable) {
    return (
      <span>
        {previous}
        <ReplayButton failureId={failure.id} />
      </span>
    );
  }
  if (failure.replayedAt && !failure.replayOutcome)
    return <span className="text-xs">{t("replayRunning", { name })}</span>;
  return previous ?? <span className="text-xs text-stone-600">{t("contentExpired")}</span>;
}
