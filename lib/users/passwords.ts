import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { generatePassword, hashPassword, verifyPassword } from "@/lib/auth/password";
import { recordSignInFailure, recordSignInSuccess, reserveSignInAttempt } from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { passwordSchema } from "@/lib/users/user-input";

// A password change or an admin's reset bumps the user's session version: every session issued
// before it ends at its next request (getCurrentUser compares versions). The person who changed
// their own password keeps their session (renewOwnSession issues it again with the new version).

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "is required"),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((input) => input.newPassword === input.confirmPassword, {
    path: ["confirmPassword"],
    message: "passwordsDiffer",
  });

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** The signed-in user's own change: the current password is checked (and throttled, like a sign-in). */
export async function changeOwnPassword(
  userId: string,
  input: ChangePasswordInput,
  clientAddress: string,
): Promise<{ sessionVersion: number }> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw AppError.because("not_found", "accountGone");
  const subject = { account: user.email, address: clientAddress };
  const reservation = await reserveSignInAttempt(subject);
  if (!reservation.allowed)
    throw AppError.because("too_many_requests", "tooManyAttempts", {
      minutes: Math.ceil(reservation.retryAfterSeconds / 60),
    });
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    await recordSignInFailure(subject);
    throw AppError.because("bad_request", "currentPasswordWrong");
  }
  await recordSignInSuccess(subject);
  if (input.newPassword === input.currentPassword) throw AppError.because("bad_request", "chooseNewPassword");
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: userId },
      data: { passwordHash, sessionVersion: { increment: 1 }, isDemo: false },
    });
    await recordAudit(
      { actorUserId: userId, action: "user.password_changed", entityType: "user", entityId: userId },
      tx,
    );
    return { sessionVersion: updated.sessionVersion };
  });
}

export const resetPasswordSchema = z.object({
  userId: z.string().min(1),
  password: z.preprocess((value) => (value === "" ? undefined : value), passwordSchema.optional()),
});

/** An admin sets someone else's password (a generated one, shown once, unless given); their sessions end. */
export async function resetUserPassword(
  input: z.infer<typeof resetPasswordSchema>,
  actorUserId: string,
): Promise<{ generatedPassword: string | null }> {
  if (input.userId === actorUserId) throw AppError.because("conflict", "ownPasswordFromAccount");
  const generatedPassword = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password ?? generatedPassword!);
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) throw AppError.because("not_found", "userGone");
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, sessionVersion: { increment: 1 }, isDemo: false },
    });
    await recordAudit(
      {
        actorUserId,
        action: "user.password_reset",
        entityType: "user",
        entityId: user.id,
        data: { generated: generatedPassword !== null },
      },
      tx,
    );
  });
  return { generatedPassword };
}
