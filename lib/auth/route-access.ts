import "server-only";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { can, type Permission } from "@/lib/auth/permissions";

/** For JSON routes used by the UI: the user, or the 401/403 answer to return. */
export async function requireRoutePermission(
  permission: Permission,
): Promise<{ user: CurrentUser } | { response: Response }> {
  const user = await getCurrentUser();
  if (!user) return { response: Response.json({ error: "Sign in first." }, { status: 401 }) };
  if (!can(user.role, permission))
    return {
      response: Response.json({ error: `Your role (${user.role}) is not allowed to do this.` }, { status: 403 }),
    };
  return { user };
}
