import { requireRoutePermission } from "@/lib/auth/route-access";
import { errorResponse } from "@/lib/http/json-response";
import { countUnread } from "@/lib/inbox/list-conversations";

export const dynamic = "force-dynamic";

/**
 * The teammate's unread counts of the views to act on. Apart from the list, and polled less often:
 * counting is a pass over the view, the list's page is a few index entries.
 */
export async function GET() {
  const access = await requireRoutePermission("inbox.work");
  if ("response" in access) return access.response;
  try {
    return Response.json(await countUnread(access.user.id), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "inbox unread counts");
  }
}
