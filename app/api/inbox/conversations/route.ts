import { z } from "zod";
import { requireRoutePermission } from "@/lib/auth/route-access";
import { errorResponse } from "@/lib/http/json-response";
import { INBOX_VIEWS } from "@/lib/inbox/inbox-views";
import { countViews, listConversations } from "@/lib/inbox/list-conversations";

export const dynamic = "force-dynamic";

const query = z.object({ view: z.enum(INBOX_VIEWS).default("needs_human"), cursor: z.string().max(500).optional() });

/** One page of an inbox view plus every view's count; the list polls it. */
export async function GET(request: Request) {
  const access = await requireRoutePermission("inbox.work");
  if ("response" in access) return access.response;
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success)
    return Response.json({ error: `view must be one of ${INBOX_VIEWS.join(", ")}` }, { status: 400 });
  try {
    const [page, counts] = await Promise.all([
      listConversations({ view: parsed.data.view, userId: access.user.id, cursor: parsed.data.cursor }),
      countViews(access.user.id),
    ]);
    return Response.json({ ...page, counts }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "inbox list");
  }
}
