import "server-only";
import { db, type DbClient } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditEntry = {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  data?: Prisma.InputJsonValue;
};

export async function recordAudit(entry: AuditEntry, tx: DbClient = db): Promise<void> {
  await tx.auditLog.create({ data: { ...entry, entityId: entry.entityId ?? null } });
}

/** The fields that changed, as { field: [before, after] }, for the audit log. */
export function changedFields<T extends Record<string, unknown>>(
  before: Partial<T> | null,
  after: T,
): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after)) {
    const previous = before?.[key];
    if (previous !== after[key]) changes[key] = [previous ?? null, after[key]];
  }
  return changes;
}
