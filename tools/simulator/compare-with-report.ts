// The app's outcome report beside the simulator's own count, figure by figure, in the report's
// definitions (a recipient counts on every message sent before they acted). Pure.
import type { OutcomeReport } from "@/lib/reports/outcome-metrics";
import { stepKey, type SimulationTally } from "@/tools/simulator/simulation-tally";

export type ComparedFigure = { step: string; figure: string; simulator: string; report: string; same: boolean };

const ratio = (numerator: number, denominator: number) => `${numerator}/${denominator}`;

export function compareWithReport(tally: SimulationTally, report: OutcomeReport): ComparedFigure[] {
  const figures: ComparedFigure[] = [];
  const keys = new Set([
    ...tally.steps.filter((s) => s.sent > 0 || s.tooLate > 0).map(stepKey),
    ...report.rows.map(stepKey),
  ]);
  for (const key of keys) {
    const s = tally.steps.find((step) => stepKey(step) === key);
    const row = report.rows.find((r) => stepKey(r) === key);
    const expected: Record<string, string> = s
      ? {
          sent: String(s.sent),
          delivered: String(s.delivered),
          undelivered: String(s.failed),
          "too late": String(s.tooLate),
          "reply rate": ratio(s.answeredAfter, s.sent),
          "review click rate": ratio(s.clickedMessages, s.withReviewLink),
          "review clicks": String(s.clicks),
          "reviews recorded": String(s.reviewedAfter),
          ...(s.flow === "abandoned_checkout" ? { recovered: ratio(s.recovered, s.sent) } : {}),
          ...(s.channel === "sms"
            ? { "opt-out rate": ratio(s.optedOutAfter, s.sent), "SMS segments": String(s.smsSegments) }
            : { "unsubscribe rate": ratio(s.unsubscribedAfter, s.sent) }),
        }
      : { sent: "0" };
    const actual: Record<string, string> = row
      ? {
          sent: String(row.sent),
          delivered: String(row.delivered),
          undelivered: String(row.undelivered),
          "too late": String(row.tooLate),
          "reply rate": ratio(row.replyRate.numerator, row.replyRate.denominator),
          "review click rate": ratio(row.reviewClickRate.numerator, row.reviewClickRate.denominator),
          "review clicks": String(row.reviewClicks),
          "reviews recorded": String(row.reviewsRecorded),
          ...(row.recovered ? { recovered: ratio(row.recovered.numerator, row.recovered.denominator) } : {}),
          ...(row.optOutRate
            ? {
                "opt-out rate": ratio(row.optOutRate.numerator, row.optOutRate.denominator),
                "SMS segments": String(row.smsSegments),
              }
            : {}),
          ...(row.unsubscribeRate
            ? { "unsubscribe rate": ratio(row.unsubscribeRate.numerator, row.unsubscribeRate.denominator) }
            : {}),
        }
      : { sent: "0" };
    for (const figure of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      const simulator = expected[figure] ?? "—";
      const reported = actual[figure] ?? "—";
      figures.push({ step: key, figure, simulator, report: reported, same: simulator === reported });
    }
  }
  return figures;
}

/** "All N figures agree", or the ones that do not. */
export function formatComparison(figures: ComparedFigure[]): string {
  const different = figures.filter((f) => !f.same);
  if (different.length === 0)
    return `The outcome report agrees with the simulator on all ${figures.length} figures (per flow, step and channel).`;
  return [
    `The outcome report differs from the simulator on ${different.length} of ${figures.length} figures:`,
    ...different.map((f) => `  ${f.step} ${f.figure}: simulator ${f.simulator}, report ${f.report}`),
  ].join("\n");
}
