import { z } from "zod";
import { requireRoutePermission } from "@/lib/auth/route-access";
import { errorResponse } from "@/lib/http/json-response";
import { inboxQuerySchema } from "@/lib/inbox/inbox-query";
import { countViews, listConversations } from "@/lib/inbox/list-conversations";

export const dynamic = "force-dynamic";

const query = inboxQuerySchema.extend({ cursor: z.string().max(500).optional() });

/** One page of an inbox view (sorted and filtered as the URL says) and every view's count; the list polls it. */
export async function GET(request: Request) {
  const access = await requireRoutePermission("inbox.work");
  if ("response" in access) return access.response;
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success)
    return Response.json({ error: parsed.error.issues.map((issue) => issue.message).join("; ") }, { status: 400 });
  const { view, cursor, sort, ...filters } = parsed.data;
  try {
    const [page, counts] = await Promise.all([
      listConversations({ view, userId: access.user.id, cursor, sort, filters }),
      countViews(access.user.id),
    ]);
    return Response.json({ ...page, counts }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "inbox list");
  }
}
