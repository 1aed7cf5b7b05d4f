import { Notice } from "@/components/ui/notice";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { formatElapsed } from "@/lib/i18n/format";
import { reportMessages } from "@/lib/i18n/messages/reports";
import type { AgentDurations, DurationStats, ResponseTimes } from "@/lib/reports/response-times";

/** First response and resolution times, in business hours, overall and per agent, with what they stand on. */
export async function ResponseTimesSection({ times, csvHref }: { times: ResponseTimes; csvHref: string }) {
  const { t, locale } = await getTranslator(reportMessages);
  const time = (ms: number | null) => (ms === null ? "—" : formatElapsed(ms, locale));
  const hours = times.businessHours;
  const table = (caption: string, overall: DurationStats, rows: AgentDurations[], testId: string) => (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <caption className="px-4 pt-3 text-left text-sm font-medium">{caption}</caption>
        <thead className="border-b border-stone-200 bg-stone-50 text-xs text-stone-600">
          <tr>
            <th className="px-4 py-2 font-medium">{t("rtAgent")}</th>
            <th className="px-4 py-2 font-medium">{t("rtMedian")}</th>
            <th className="px-4 py-2 font-medium">{t("rtP90")}</th>
            <th className="px-4 py-2 font-medium">{t("rtCount")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          <tr className="font-medium">
            <td className="px-4 py-2">{t("rtOverall")}</td>
            <td className="px-4 py-2 tabular-nums">{time(overall.medianMs)}</td>
            <td className="px-4 py-2 tabular-nums">{time(overall.p90Ms)}</td>
            <td className="px-4 py-2 tabular-nums">{overall.count}</td>
          </tr>
          {rows.map((row) => (
            <tr key={row.agentId ?? "nobody"}>
              <td className="px-4 py-2">{row.name ?? t("rtNobody")}</td>
              <td className="px-4 py-2 tabular-nums">{time(row.medianMs)}</td>
              <td className="px-4 py-2 tabular-nums">{time(row.p90Ms)}</td>
              <td className="px-4 py-2 tabular-nums">{row.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <section aria-labelledby="response-times-title" className="mb-10 space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="response-times-title" className="text-lg font-semibold">
          {t("rtTitle")}
        </h2>
        <a className="text-sm text-brand-700 underline" href={csvHref}>
          {t("downloadCsv")}
        </a>
      </div>
      <p className="text-sm text-stone-600">
        {t(`rtHours_${hours.days}`, {
          start: String(hours.startHour),
          end: String(hours.endHour),
          zone: hours.timeZone,
        })}
      </p>
      {times.firstResponse.asked === 0 && times.resolution.overall.count === 0 ? (
        <Notice>{t("rtEmpty")}</Notice>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          <div className="space-y-2">
            {table(t("rtFirstResponse"), times.firstResponse.overall, times.firstResponse.byAgent, "first-response")}
            <p className="text-xs text-stone-600" data-testid="first-response-honesty">
              {t("rtAnsweredOf", { answered: times.firstResponse.overall.count, asked: times.firstResponse.asked })}
            </p>
          </div>
          <div className="space-y-2">
            {table(t("rtResolution"), times.resolution.overall, times.resolution.byAgent, "resolution")}
            <p className="text-xs text-stone-600">{t("rtResolutionHelp")}</p>
          </div>
        </div>
      )}
    </section>
  );
}
