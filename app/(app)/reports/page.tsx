import type { Metadata } from "next";
import Link from "next/link";
import { FrictionWeeklyChart, OutcomeRatesChart } from "@/components/reports/charts";
import { RecordFixForm } from "@/components/reports/record-fix-form";
import { ResponseTimesSection } from "@/components/reports/response-times-section";
import { SuggestedCategories } from "@/components/reports/suggested-categories";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/require-access";
import { formatDate, formatDay } from "@/lib/i18n/format";
import { frictionCategoryLabel, stepLabel } from "@/lib/i18n/labels";
import { formatMoney, formatNumber, formatPercent, plural } from "@/lib/i18n/numbers";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { reportMessages } from "@/lib/i18n/messages/reports";
import { correctionSummary } from "@/lib/classification/label-corrections";
import { listSuggestedFrictionCategories } from "@/lib/friction/friction-categories";
import { CHANNELS, isMetaChannel } from "@/lib/channels/channels";
import { frictionReport } from "@/lib/reports/friction-report";
import { responseTimes } from "@/lib/reports/response-times";
import {
  MIN_SENDS_TO_COMPARE,
  outcomeByTemplateVersion,
  outcomeMetrics,
  type StepOutcome,
} from "@/lib/reports/outcome-metrics";
import {
  filtersToParams,
  parseReportFilters,
  REPORT_FLOWS,
  weeksInRange,
  type Rate,
} from "@/lib/reports/report-filters";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator(reportMessages);
  return { title: t("title") };
}

export default async function ReportsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await requireArea("reports");
  const { t, locale } = await getTranslator(reportMessages);
  const timeZone = await viewerTimeZone();
  const percent = (rate: Rate | null) =>
    rate?.value === null || rate === null ? "—" : formatPercent(rate.value, locale);
  const params = await searchParams;
  const parsed = parseReportFilters(params);
  const filters = parsed.ok
    ? parsed.filters
    : (
        parseReportFilters({}) as {
          ok: true;
          filters: ReturnType<typeof parseReportFilters> extends infer R
            ? R extends { ok: true; filters: infer F }
              ? F
              : never
            : never;
        }
      ).filters;
  const query = new URLSearchParams(filtersToParams(filters)).toString();
  const manageCategories = can(user.role, "friction.manage_categories");
  const [friction, outcomes, corrections, versions, suggestions, times] = await Promise.all([
    frictionReport(filters),
    outcomeMetrics(filters),
    correctionSummary(filters),
    params.split === "version" ? outcomeByTemplateVersion(filters) : Promise.resolve(null),
    manageCategories ? listSuggestedFrictionCategories() : Promise.resolve([]),
    responseTimes(filters),
  ]);
  const today = new Date().toISOString().slice(0, 10);
  const shown = filtersToParams(filters);

  const rateCell = (rate: Rate | null) =>
    rate === null ? (
      <td className="px-2 py-1.5 text-stone-400">—</td>
    ) : (
      <td
        className="px-2 py-1.5 tabular-nums"
        title={t("rateOf", { numerator: rate.numerator, denominator: rate.denominator })}
      >
        {percent(rate)}{" "}
        <span className="text-xs text-stone-500">
          ({t("rateOf", { numerator: rate.numerator, denominator: rate.denominator })})
        </span>
      </td>
    );
  const money = (value: number | null) => (value === null ? "—" : formatMoney(value, outcomes.currency, locale));
  const outcomeRow = (
    row: Omit<StepOutcome, "flow" | "step" | "channel">,
    label: string,
    key: string,
    bold = false,
  ) => (
    <tr key={key} className={bold ? "bg-stone-50 font-medium" : ""} data-testid="outcome-row">
      <td className="px-2 py-1.5">{label}</td>
      <td className="px-2 py-1.5 tabular-nums">{formatNumber(row.sent, locale)}</td>
      <td className="px-2 py-1.5 tabular-nums">{row.delivered}</td>
      <td className="px-2 py-1.5 tabular-nums">{row.failed}</td>
      <td className="px-2 py-1.5 tabular-nums" data-testid="too-late">
        {row.tooLate}
      </td>
      {rateCell(row.replyRate)}
      {rateCell(row.reviewClickRate)}
      <td className="px-2 py-1.5 tabular-nums">{outcomes.reviewsTracked ? row.reviewsRecorded : "—"}</td>
      {rateCell(row.recovered)}
      {rateCell(row.optOutRate ?? row.unsubscribeRate)}
      <td className="px-2 py-1.5 tabular-nums">
        {money(row.smsCost)}
        {row.longSms > 0 && (
          <span className="block text-xs text-amber-800" data-testid="long-sms">
            {t("longSms", { count: row.longSms })}
          </span>
        )}
        {row.costPerRecovered !== null && (
          <span className="block text-xs text-stone-500">
            {t("costPerRecovered", { cost: money(row.costPerRecovered) })}
          </span>
        )}
      </td>
      <td className="px-2 py-1.5 tabular-nums">{money(row.costPerReviewClick)}</td>
    </tr>
  );
  const categoryNames = friction.map((c) => frictionCategoryLabel(c, locale));
  const weeks = weeksInRange(filters.from, filters.to);
  const weekRows = weeks.map((week) => ({
    week,
    ...Object.fromEntries(
      friction.map((c) => [frictionCategoryLabel(c, locale), c.weekly.find((w) => w.week === week)?.occurrences ?? 0]),
    ),
  }));

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <form
        method="get"
        className="mb-6 flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-3 text-sm"
      >
        <label className="flex flex-col text-xs text-stone-600">
          {t("from")}
          <input
            type="date"
            name="from"
            defaultValue={shown.from}
            className="rounded border border-stone-300 px-2 py-1 text-sm"
          />
        </label>
        <label className="flex flex-col text-xs text-stone-600">
          {t("to")}
          <input
            type="date"
            name="to"
            defaultValue={shown.to}
            className="rounded border border-stone-300 px-2 py-1 text-sm"
          />
        </label>
        <label className="flex flex-col text-xs text-stone-600">
          {t("channel")}
          <select
            name="channel"
            defaultValue={filters.channel}
            className="rounded border border-stone-300 px-2 py-1 text-sm"
          >
            <option value="all">{t("all")}</option>
            <option value="email">{t("channel_email")}</option>
            <option value="sms">{t("channel_sms")}</option>
            <option value="messenger">{t("channel_messenger")}</option>
            <option value="instagram">{t("channel_instagram")}</option>
          </select>
        </label>
        <label className="flex flex-col text-xs text-stone-600">
          {t("flow")}
          <select name="flow" defaultValue={filters.flow} className="rounded border border-stone-300 px-2 py-1 text-sm">
            <option value="all">{t("all")}</option>
            {REPORT_FLOWS.map((flow) => (
              <option key={flow} value={flow}>
                {t(`flow_${flow}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-white hover:bg-brand-700">
          {t("apply")}
        </button>
      </form>
      {!parsed.ok && <Notice tone="error">{t("badFilters", { error: parsed.error })}</Notice>}

      <section aria-labelledby="friction-title" className="mb-10 space-y-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="friction-title" className="text-lg font-semibold">
            {t("frictionTitle")}
          </h2>
          <a className="text-sm text-brand-700 underline" href={`/api/reports/csv?table=friction&${query}`}>
            {t("downloadCsv")}
          </a>
        </div>
        <p className="text-xs text-stone-500">{t("frictionNote")}</p>
        {manageCategories && <SuggestedCategories suggestions={suggestions} />}
        {friction.length === 0 ? (
          <Notice>{t("frictionEmpty")}</Notice>
        ) : (
          <>
            <FrictionWeeklyChart weeks={weekRows} categories={categoryNames} label={t("weeklyChart")} />
            <details className="text-sm">
              <summary className="cursor-pointer text-stone-600">{t("chartTable")}</summary>
              <table className="mt-2 text-left text-xs">
                <thead>
                  <tr>
                    <th className="px-2 py-1">{t("week")}</th>
                    {categoryNames.map((name) => (
                      <th key={name} className="px-2 py-1">
                        {name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {weekRows.map((row) => (
                    <tr key={row.week}>
                      <td className="px-2 py-1">{formatDay(row.week, locale)}</td>
                      {categoryNames.map((name) => (
                        <td key={name} className="px-2 py-1 tabular-nums">
                          {(row as Record<string, string | number>)[name]}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
            <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
              <table className="w-full text-left text-sm" data-testid="friction-table">
                <thead className="bg-stone-50 text-xs text-stone-600">
                  <tr>
                    <th className="px-2 py-2">{t("category")}</th>
                    <th className="px-2 py-2">{t("occurrences")}</th>
                    <th className="px-2 py-2">{t("trend")}</th>
                    <th className="px-2 py-2">{t("customers")}</th>
                    <th className="px-2 py-2">{t("checkouts")}</th>
                    <th className="px-2 py-2">{t("checkoutValue")}</th>
                    <th className="px-2 py-2">{t("firstSeen")}</th>
                    <th className="px-2 py-2">{t("lastSeen")}</th>
                    <th className="px-2 py-2">{t("examples")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {friction.map((c) => {
                    const change = c.occurrences - c.previousOccurrences;
                    return (
                      <tr key={c.id} className="align-top">
                        <td className="px-2 py-2">
                          <p className="font-medium">{frictionCategoryLabel(c, locale)}</p>
                          <p className="text-xs text-stone-500">
                            {t("markedHinted", { marked: c.marked, hinted: c.hinted })}
                          </p>
                          {c.latestFix && (
                            <p className="mt-1 text-xs text-emerald-800">
                              {t("fixSummary", {
                                date: formatDay(c.latestFix.fixedOn, locale),
                                note: c.latestFix.note,
                              })}
                              <br />
                              {c.latestFix.before.days === 0
                                ? t("tooSoon")
                                : t(plural(locale, c.latestFix.before.days, "beforeAfter"), {
                                    days: c.latestFix.before.days,
                                    before:
                                      c.latestFix.before.per100Orders === null
                                        ? t("notEnoughOrders")
                                        : formatNumber(c.latestFix.before.per100Orders, locale),
                                    after:
                                      c.latestFix.after.per100Orders === null
                                        ? t("notEnoughOrders")
                                        : formatNumber(c.latestFix.after.per100Orders, locale),
                                  })}
                            </p>
                          )}
                          <Link
                            className="mt-1 block text-xs text-brand-700 underline"
                            href={`/reports/friction/${c.id}`}
                          >
                            {t("whoHit")}
                          </Link>
                          {can(user.role, "friction.record_fix") && (
                            <details className="mt-1">
                              <summary className="cursor-pointer text-xs text-stone-600">{t("fixTitle")}</summary>
                              <RecordFixForm categoryId={c.id} today={today} />
                            </details>
                          )}
                        </td>
                        <td className="px-2 py-2 tabular-nums">{c.occurrences}</td>
                        <td
                          className={`px-2 py-2 tabular-nums ${change > 0 ? "text-red-700" : change < 0 ? "text-emerald-700" : "text-stone-500"}`}
                        >
                          {change > 0 ? `+${change}` : change} ({c.previousOccurrences})
                        </td>
                        <td className="px-2 py-2 tabular-nums">{c.customers}</td>
                        <td className="px-2 py-2 tabular-nums">{c.checkouts}</td>
                        <td className="px-2 py-2 tabular-nums">
                          {formatMoney(c.checkoutValue, outcomes.currency, locale)}
                        </td>
                        <td className="px-2 py-2">{c.firstSeen ? formatDate(c.firstSeen, locale, timeZone) : "—"}</td>
                        <td className="px-2 py-2">{c.lastSeen ? formatDate(c.lastSeen, locale, timeZone) : "—"}</td>
                        <td className="px-2 py-2">
                          <ul className="space-y-0.5 text-xs">
                            {c.examples.slice(0, 3).map((e) => (
                              <li key={e.conversationId}>
                                <Link className="text-brand-700 underline" href={`/inbox/${e.conversationId}`}>
                                  {e.customerName}
                                </Link>
                              </li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <ResponseTimesSection times={times} csvHref={`/api/reports/csv?table=response_times&${query}`} />

      <section aria-labelledby="outcomes-title" className="space-y-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="outcomes-title" className="text-lg font-semibold">
            {t("outcomesTitle")}
          </h2>
          <a className="text-sm text-brand-700 underline" href={`/api/reports/csv?table=outcomes&${query}`}>
            {t("downloadCsv")}
          </a>
        </div>
        {outcomes.rows.length === 0 ? (
          <Notice>
            {t(filters.channel !== "all" && isMetaChannel(filters.channel) ? "outcomesChatEmpty" : "outcomesEmpty")}
          </Notice>
        ) : (
          <>
            <OutcomeRatesChart
              label={t("outcomeChart")}
              series={[
                { key: "reply", name: t("replyRate") },
                { key: "click", name: t("reviewClickRate") },
              ]}
              rows={outcomes.rows.map((row) => ({
                step: `${t(`flow_${row.flow}` as "flow_manual")} · ${stepLabel(row.step, locale)} (${t(`channel_${row.channel}`)})`,
                reply: row.replyRate.value === null ? null : row.replyRate.value * 100,
                click: row.reviewClickRate.value === null ? null : row.reviewClickRate.value * 100,
              }))}
            />
            <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
              <table className="w-full text-left text-sm" data-testid="outcomes-table">
                <thead className="bg-stone-50 text-xs text-stone-600">
                  <tr>
                    <th className="px-2 py-2">{t("step")}</th>
                    <th className="px-2 py-2">{t("sent")}</th>
                    <th className="px-2 py-2">{t("delivered")}</th>
                    <th className="px-2 py-2">{t("failed")}</th>
                    <th className="px-2 py-2">{t("tooLate")}</th>
                    <th className="px-2 py-2">{t("replyRate")}</th>
                    <th className="px-2 py-2">{t("reviewClickRate")}</th>
                    <th className="px-2 py-2">{t("reviewsRecorded")}</th>
                    <th className="px-2 py-2">{t("recovered")}</th>
                    <th className="px-2 py-2">{t("optOut")}</th>
                    <th className="px-2 py-2">{t("smsCost")}</th>
                    <th className="px-2 py-2">{t("costPerClick")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {outcomes.rows.map((row) =>
                    outcomeRow(
                      row,
                      `${t(`flow_${row.flow}` as "flow_manual")} · ${stepLabel(row.step, locale)} · ${t(`channel_${row.channel}`)}`,
                      `${row.flow}-${row.step}-${row.channel}`,
                    ),
                  )}
                  {CHANNELS.filter((channel) => outcomes.totals[channel].sent > 0).map((channel) =>
                    outcomeRow(
                      outcomes.totals[channel],
                      `${t("total")} · ${t(`channel_${channel}`)}`,
                      `total-${channel}`,
                      true,
                    ),
                  )}
                </tbody>
              </table>
            </div>
            {!outcomes.reviewsTracked && <p className="text-xs text-stone-500">{t("reviewsUntracked")}</p>}
            {versions ? (
              <div className="space-y-2" data-testid="version-split">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="text-sm font-semibold">{t("byVersionTitle")}</h3>
                  <Link className="text-sm text-brand-700 underline" href={`/reports?${query}`}>
                    {t("byVersionHide")}
                  </Link>
                </div>
                <p className="text-xs text-stone-600">{t("byVersionHelp", { min: MIN_SENDS_TO_COMPARE })}</p>
                <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
                  <table className="w-full text-left text-sm">
                    <thead className="bg-stone-50 text-xs text-stone-600">
                      <tr>
                        <th className="px-2 py-2">{t("step")}</th>
                        <th className="px-2 py-2">{t("version")}</th>
                        <th className="px-2 py-2">{t("sent")}</th>
                        <th className="px-2 py-2">{t("replyRate")}</th>
                        <th className="px-2 py-2">{t("reviewClickRate")}</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-stone-100">
                      {versions.map((row) => (
                        <tr
                          key={`${row.flow}-${row.step}-${row.channel}-${row.templateVersionId}`}
                          data-testid="version-row"
                        >
                          <td className="px-2 py-1.5">{`${t(`flow_${row.flow}` as "flow_manual")} · ${stepLabel(row.step, locale)} · ${t(`channel_${row.channel}`)}`}</td>
                          <td className="px-2 py-1.5">
                            {row.versionNumber === null
                              ? t("versionUnknown")
                              : t("versionLabel", { number: row.versionNumber })}
                            {row.approvedAt && (
                              <span className="block text-xs text-stone-500">
                                {t("versionApproved", { date: formatDate(row.approvedAt, locale, timeZone) })}
                              </span>
                            )}
                            {row.tooFewToCompare && (
                              <span className="block text-xs text-amber-800">{t("tooFewToCompare")}</span>
                            )}
                          </td>
                          <td className="px-2 py-1.5 tabular-nums">{formatNumber(row.sent, locale)}</td>
                          {rateCell(row.replyRate)}
                          {rateCell(row.reviewClickRate)}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            ) : (
              <Link className="text-sm text-brand-700 underline" href={`/reports?${query}&split=version`}>
                {t("byVersionShow")}
              </Link>
            )}
          </>
        )}
        <details className="text-sm">
          <summary className="cursor-pointer text-stone-600">{t("definitions")}</summary>
          <ul className="mt-2 grid gap-1 text-xs text-stone-700">
            {Object.keys(outcomes.definitions).map((key) => (
              <li key={key}>{t(`def_${key}` as "def_sent")}</li>
            ))}
          </ul>
        </details>
      </section>

      <section aria-labelledby="corrections-title" className="mt-10 space-y-2" data-testid="label-corrections">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="corrections-title" className="text-lg font-semibold">
            {t("correctionsTitle")}
          </h2>
          {corrections.corrections > 0 && (
            <a className="text-sm text-brand-700 underline" href={`/api/reports/label-corrections?${query}`}>
              {t("correctionsExport")}
            </a>
          )}
        </div>
        <p className="text-sm text-stone-700">
          {t("correctionsSummary", {
            corrections: corrections.corrections,
            classified: corrections.classified,
            rate: corrections.classified
              ? formatPercent(corrections.corrections / corrections.classified, locale)
              : "—",
          })}
        </p>
        {corrections.byIntent.length > 0 && (
          <ul className="text-sm text-stone-700">
            {corrections.byIntent.map((row) => (
              <li key={`${row.from}-${row.to}`}>
                {t("correctionsRow", {
                  from: row.from ? t(`intent_${row.from}`) : "—",
                  to: t(`intent_${row.to}`),
                  count: row.count,
                })}
              </li>
            ))}
          </ul>
        )}
        <p className="text-xs text-stone-500">{t("correctionsHelp")}</p>
      </section>
    </>
  );
}
