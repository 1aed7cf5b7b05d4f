import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { isDemoAccount } from "@/lib/auth/demo-accounts";
import type { Role } from "@/lib/auth/permissions";
import type { LocaleChoice } from "@/lib/i18n/locale-choice";

export type CurrentUser = { id: string; email: string; name: string; role: Role };

/**
 * The signed-in staff user, read fresh from the database once per request, so a role change,
 * a deactivation or a password change elsewhere (a newer session version) takes effect at once
 * rather than when the session token expires.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const user = await signedInUserRow();
  return user && { id: user.id, email: user.email, name: user.name, role: user.role };
});

/** The signed-in user's own language and time zone ("auto": follow the browser), from the same row. */
export async function getCurrentUserPreferences(): Promise<{ locale: LocaleChoice; timeZone: string }> {
  const user = await signedInUserRow();
  return { locale: user?.locale ?? "auto", timeZone: user?.timeZone ?? "auto" };
}

// One read of the user's row per request, shared by the checks above and the preferences.
const signedInUserRow = cache(async () => {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      deactivatedAt: true,
      sessionVersion: true,
      isDemo: true,
      locale: true,
      timeZone: true,
    },
  });
  if (!user || user.deactivatedAt || (session.user?.sessionVersion ?? 0) !== user.sessionVersion) return null;
  if (isDemoAccount(user) && !env().DEMO_MODE) return null;
  return user;
});
