import "server-only";
import { db, type DbClient } from "@/lib/db";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { NewUserInput } from "@/lib/users/user-input";

export type CreatedUser = {
  id: string;
  email: string;
  name: string;
  role: NewUserInput["role"];
  generatedPassword: string | null;
};

/** Creates a staff user. Without a password, one is generated and returned once. */
export async function createUser(
  input: NewUserInput,
  actorUserId: string | null = null,
  tx: DbClient = db,
): Promise<CreatedUser> {
  const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw AppError.because("conflict", "emailTaken", { email: input.email });
  const generatedPassword = input.password ? null : generatePassword();
  const user = await tx.user.create({
    data: {
      email: input.email,
      name: input.name || input.email.split("@")[0]!,
      role: input.role,
      passwordHash: await hashPassword(input.password ?? generatedPassword!),
    },
  });
  await recordAudit(
    {
      actorUserId,
      action: "user.created",
      entityType: "user",
      entityId: user.id,
      data: { email: user.email, role: user.role },
    },
    tx,
  );
  return { id: user.id, email: user.email, name: user.name, role: user.role, generatedPassword };
}
