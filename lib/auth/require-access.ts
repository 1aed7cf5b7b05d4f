import "server-only";
import { redirect } from "next/navigation";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { can, type AreaKey, findArea } from "@/lib/auth/permissions";

/** For pages: the signed-in user allowed into this area, or a redirect (sign-in, or forbidden). */
export async function requireArea(areaKey: AreaKey): Promise<CurrentUser> {
  const area = findArea(areaKey)!;
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(area.href)}`);
  if (!can(user.role, area.permission)) redirect(`/forbidden?area=${area.key}`);
  return user;
}

/** For pages open to every staff role. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  return user;
}
