import { z } from "zod";
import { requireRoutePermission } from "@/lib/auth/route-access";
import { errorResponse } from "@/lib/http/json-response";
import { customersWhoHit, frictionReport } from "@/lib/reports/friction-report";
import { outcomeMetrics } from "@/lib/reports/outcome-metrics";
import { responseTimes, type AgentDurations, type DurationStats } from "@/lib/reports/response-times";
import { filtersToParams, parseReportFilters, type Rate } from "@/lib/reports/report-filters";
import { toCsv } from "@/lib/reports/to-csv";

export const dynamic = "force-dynamic";

const table = z.enum(["friction", "outcomes", "customers", "response_times"]);
const share = (rate: Rate | null) =>
  rate === null ? ["", "", ""] : [rate.numerator, rate.denominator, rate.value === null ? "" : rate.value.toFixed(4)];
const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "");

/** Every report table as CSV, for the filters in the URL. */
export async function GET(request: Request) {
  const access = await requireRoutePermission("reports.read");
  if ("response" in access) return access.response;
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const which = table.safeParse(params.table);
  if (!which.success)
    return Response.json({ error: "table must be friction, outcomes, customers or response_times" }, { status: 400 });
  const parsed = parseReportFilters(params);
  if (!parsed.ok) return Response.json({ error: parsed.error }, { status: 400 });
  try {
    let csv: string;
    if (which.data === "friction") {
      const rows = await frictionReport(parsed.filters);
      csv = toCsv(
        [
          "category",
          "conversations",
          "marked",
          "hinted",
          "previous_period",
          "customers",
          "unfinished_checkouts",
          "checkout_value",
          "first_seen",
          "last_seen",
          "fixed_on",
          "fix_note",
          "per_100_orders_before",
          "per_100_orders_after",
        ],
        rows.map((r) => [
          r.name,
          r.occurrences,
          r.marked,
          r.hinted,
          r.previousOccurrences,
          r.customers,
          r.checkouts,
          r.checkoutValue.toFixed(2),
          day(r.firstSeen),
          day(r.lastSeen),
          day(r.latestFix?.fixedOn ?? null),
          r.latestFix?.note ?? "",
          r.latestFix?.before.per100Orders?.toFixed(2) ?? "",
          r.latestFix?.after.per100Orders?.toFixed(2) ?? "",
        ]),
      );
    } else if (which.data === "response_times") {
      const times = await responseTimes(parsed.filters);
      const minutes = (ms: number | null) => (ms === null ? "" : (ms / 60_000).toFixed(1));
      const rows = (measure: string, overall: DurationStats, byAgent: AgentDurations[], asked: number | "") => [
        [measure, "everyone", "", overall.count, asked, minutes(overall.medianMs), minutes(overall.p90Ms)],
        ...byAgent.map((a) => [
          measure,
          a.name ?? "nobody",
          a.agentId ?? "",
          a.count,
          "",
          minutes(a.medianMs),
          minutes(a.p90Ms),
        ]),
      ];
      csv = toCsv(
        [
          "measure",
          "agent",
          "agent_id",
          "conversations",
          "started_by_customer",
          "median_business_minutes",
          "p90_business_minutes",
        ],
        [
          ...rows(
            "first_response",
            times.firstResponse.overall,
            times.firstResponse.byAgent,
            times.firstResponse.asked,
          ),
          ...rows("resolution", times.resolution.overall, times.resolution.byAgent, ""),
        ],
      );
    } else if (which.data === "customers") {
      const categoryId = z.string().min(1).safeParse(params.categoryId);
      if (!categoryId.success)
        return Response.json({ error: "categoryId is required for the customers table" }, { status: 400 });
      const rows = await customersWhoHit(categoryId.data, parsed.filters.to);
      csv = toCsv(
        ["customer", "email", "phone", "last_hit", "conversation_id"],
        rows.map((r) => [r.name, r.email, r.phone, day(r.at), r.conversationId]),
      );
    } else {
      const report = await outcomeMetrics(parsed.filters);
      csv = toCsv(
        [
          "flow",
          "step",
          "channel",
          "sent",
          "delivered",
          "failed",
          "too_late",
          "replied",
          "recipients",
          "reply_rate",
          "clicked",
          "with_review_link",
          "review_click_rate",
          "reviews_recorded",
          "recovered",
          "recovery_messages",
          "recovery_rate",
          "recovered_value",
          "opted_out",
          "sms_recipients",
          "opt_out_rate",
          "unsubscribed",
          "email_recipients",
          "unsubscribe_rate",
          "sms_segments",
          "sms_over_2_segments",
          `sms_cost_${report.currency}`,
          `cost_per_review_click_${report.currency}`,
          `cost_per_recovered_order_${report.currency}`,
        ],
        report.rows.map((r) => [
          r.flow,
          r.step,
          r.channel,
          r.sent,
          r.delivered,
          r.failed,
          r.tooLate,
          ...share(r.replyRate),
          ...share(r.reviewClickRate),
          r.reviewsRecorded,
          ...share(r.recovered),
          r.recoveredValue?.toFixed(2) ?? "",
          ...share(r.optOutRate),
          ...share(r.unsubscribeRate),
          r.smsSegments,
          r.longSms,
          r.smsCost?.toFixed(4) ?? "",
          r.costPerReviewClick?.toFixed(4) ?? "",
          r.costPerRecovered?.toFixed(4) ?? "",
        ]),
      );
    }
    const range = filtersToParams(parsed.filters);
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="reply-inbox-${which.data}-${range.from}-${range.to}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, "report csv");
  }
}
