import "server-only";
import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { firstRunCode } from "@/lib/users/first-admin-code";
import { DEMO_EMAIL_DOMAIN } from "@/lib/auth/demo-accounts";
import { emailSchema, passwordSchema } from "@/lib/users/user-input";

// A real installation starts with no user at all: the first admin is created by the person who
// installed it, with a password they choose, on the first-run page (or `npm run user:create`).
// The page asks for a set-up code printed where the app runs, so a stranger who finds a fresh
// installation on the internet cannot claim it first. Once an admin exists, the page is gone.

function sameCode(given: string, expected: string): boolean {
  const normalize = (code: string) => Buffer.from(code.toUpperCase().replace(/[^A-Z0-9]/g, ""));
  const a = normalize(given);
  const b = normalize(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Admins who can sign in here: outside a demo, the demo's admin does not count. */
function usableAdmins() {
  return {
    role: "admin" as const,
    deactivatedAt: null,
    ...(env().DEMO_MODE ? {} : { isDemo: false, NOT: { email: { endsWith: `@${DEMO_EMAIL_DOMAIN}` } } }),
  };
}

export async function needsFirstAdmin(): Promise<boolean> {
  return (await db.user.count({ where: usableAdmins() })) === 0;
}

export const firstAdminSchema = z
  .object({
    code: z.string().trim().min(1, "is required: it is printed where the app runs"),
    name: z.string().trim().min(1, "is required").max(120, "must be 120 characters or fewer"),
    email: emailSchema,
    password: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((input) => input.password === input.confirmPassword, {
    path: ["confirmPassword"],
    message: "passwordsDiffer",
  });

/** Creates the first admin, once: two people racing each other end with one admin. */
export async function createFirstAdmin(input: z.infer<typeof firstAdminSchema>): Promise<{ email: string }> {
  if (!sameCode(input.code, firstRunCode(env().AUTH_SECRET))) throw AppError.because("forbidden", "setupCodeWrong");
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    // One first run at a time, whatever the number of app instances.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('reply-inbox:first-run'))`;
    if ((await tx.user.count({ where: usableAdmins() })) > 0) throw AppError.because("conflict", "adminExists");
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } }))
      throw AppError.because("conflict", "emailTaken", { email: input.email });
    const user = await tx.user.create({ data: { email: input.email, name: input.name, role: "admin", passwordHash } });
    await recordAudit(
      { actorUserId: user.id, action: "user.first_admin_created", entityType: "user", entityId: user.id },
      tx,
    );
    return { email: user.email };
  });
}
