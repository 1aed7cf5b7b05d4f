import "server-only";
import { db, type DbClient } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/auth/permissions";

async function assertAnotherActiveAdmin(userId: string, tx: DbClient) {
  const admins = await tx.user.count({ where: { role: "admin", deactivatedAt: null, id: { not: userId } } });
  if (admins === 0) throw AppError.because("conflict", "lastAdmin");
}

async function findUser(userId: string, tx: DbClient) {
  const user = await tx.user.findUnique({ where: { id: userId } });
  if (!user) throw AppError.because("not_found", "userGone");
  return user;
}

export async function changeUserRole(userId: string, role: Role, actorUserId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await findUser(userId, tx);
    if (user.role === role) return;
    if (user.role === "admin") await assertAnotherActiveAdmin(userId, tx);
    await tx.user.update({ where: { id: userId }, data: { role } });
    await recordAudit(
      {
        actorUserId,
        action: "user.role_changed",
        entityType: "user",
        entityId: userId,
        data: { from: user.role, to: role },
      },
      tx,
    );
  });
}

/** Deactivated users cannot sign in; their conversations and history stay. */
export async function setUserActive(userId: string, active: boolean, actorUserId: string): Promise<void> {
  if (!active && userId === actorUserId) throw AppError.because("conflict", "cannotDeactivateSelf");
  await db.$transaction(async (tx) => {
    const user = await findUser(userId, tx);
    if (!active && user.role === "admin") await assertAnotherActiveAdmin(userId, tx);
    await tx.user.update({ where: { id: userId }, data: { deactivatedAt: active ? null : new Date() } });
    await recordAudit(
      { actorUserId, action: active ? "user.reactivated" : "user.deactivated", entityType: "user", entityId: userId },
      tx,
    );
  });
}
