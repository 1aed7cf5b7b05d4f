import "server-only";
import { db, type DbClient } from "@/lib/db";
import { env } from "@/lib/env";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/permissions";
import { isDemoAccount } from "@/lib/auth/demo-accounts";

export type SignedInUser = { id: string; email: string; name: string; role: Role; sessionVersion: number };

// Compared against when the email is unknown, so a wrong email takes as long as a wrong password.
let dummyHash: Promise<string> | undefined;

/**
 * The active user with this email and password, or null. Records the sign-in time. A demo user
 * (published password) is refused outside demo mode, whatever their password.
 */
export async function verifyCredentials(
  email: string,
  password: string,
  tx: DbClient = db,
): Promise<SignedInUser | null> {
  const user = await tx.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user || user.deactivatedAt || (isDemoAccount(user) && !env().DEMO_MODE)) {
    dummyHash ??= hashPassword("not-a-real-password");
    await verifyPassword(password, await dummyHash);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}
