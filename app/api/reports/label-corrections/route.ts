import { requireRoutePermission } from "@/lib/auth/route-access";
import { correctedRepliesAsCorpus } from "@/lib/classification/label-corrections";
import { errorResponse } from "@/lib/http/json-response";
import { filtersToParams, parseReportFilters } from "@/lib/reports/report-filters";

export const dynamic = "force-dynamic";

/** The replies agents corrected in the range, as training corpus lines (JSON Lines). */
export async function GET(request: Request) {
  const access = await requireRoutePermission("reports.read");
  if ("response" in access) return access.response;
  const parsed = parseReportFilters(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.ok) return Response.json({ error: parsed.error }, { status: 400 });
  try {
    const range = filtersToParams(parsed.filters);
    return new Response(await correctedRepliesAsCorpus(parsed.filters), {
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="reply-corrections-${range.from}-${range.to}.jsonl"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, "label corrections export");
  }
}
