import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

const PAGE_SIZE = 50;
const isDay = (value: string) =>
  !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isDay)
  .optional()
  .catch(undefined);

/** The audit page's filters, from its URL; anything malformed is dropped rather than refused. */
export const auditFiltersSchema = z.object({
  userId: z.string().min(1).max(100).optional().catch(undefined),
  action: z.string().min(1).max(100).optional().catch(undefined),
  from: day,
  to: day,
  /** "<ISO time>_<id>" of the last entry of the previous page. */
  before: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z_[\w-]+$/)
    .refine((value) => !Number.isNaN(Date.parse(value.split("_")[0]!)))
    .optional()
    .catch(undefined),
});

export type AuditFilters = z.infer<typeof auditFiltersSchema>;

/** Newest first, 50 a page: who did what, when, on what, with the details recorded. */
export async function listAuditEntries(filters: AuditFilters) {
  const where: Prisma.AuditLogWhereInput = {
    ...(filters.userId ? { actorUserId: filters.userId === "system" ? null : filters.userId } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.from || filters.to
      ? {
          createdAt: {
            ...(filters.from ? { gte: new Date(`${filters.from}T00:00:00Z`) } : {}),
            ...(filters.to ? { lt: new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000) } : {}),
          },
        }
      : {}),
  };
  const cursor = filters.before?.split("_");
  const page = await db.auditLog.findMany({
    where: cursor
      ? {
          AND: [
            where,
            {
              OR: [
                { createdAt: { lt: new Date(cursor[0]!) } },
                { createdAt: new Date(cursor[0]!), id: { lt: cursor[1]! } },
              ],
            },
          ],
        }
      : where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PAGE_SIZE + 1,
    select: {
      id: true,
      action: true,
      entityType: true,
      entityId: true,
      data: true,
      createdAt: true,
      actor: { select: { name: true, email: true } },
    },
  });
  const entries = page.slice(0, PAGE_SIZE);
  const last = entries.at(-1);
  return { entries, nextCursor: page.length > PAGE_SIZE && last ? `${last.createdAt.toISOString()}_${last.id}` : null };
}

/** The actions recorded so far, for the filter. */
export async function auditActions(): Promise<string[]> {
  return (
    await db.auditLog.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } })
  ).map((row) => row.action);
}
