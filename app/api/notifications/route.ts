import { requireRoutePermission } from "@/lib/auth/route-access";
import { errorResponse } from "@/lib/http/json-response";
import { unreadNotificationCount } from "@/lib/notifications/notifications";

export const dynamic = "force-dynamic";

/** How many notifications the signed-in teammate has not read: the navigation's badge and the tab title poll it. */
export async function GET() {
  const access = await requireRoutePermission("inbox.work");
  if ("response" in access) return access.response;
  try {
    return Response.json(
      { unread: await unreadNotificationCount(access.user.id) },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (error) {
    return errorResponse(error, "notifications");
  }
}
