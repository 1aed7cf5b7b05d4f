import "server-only";
import { db } from "@/lib/db";
import type { Channel } from "@/lib/generated/prisma/enums";

export const LEASE_MS = 5 * 60_000;

/**
 * Claims up to `limit` due messages on the given channels for this dispatcher, in due order. One
 * statement: FOR UPDATE SKIP LOCKED makes concurrent dispatchers take disjoint sets, and the
 * status change keeps any later dispatcher off them until the lease expires.
 */
export async function claimDueMessages(options: {
  now: Date;
  limit: number;
  channels: Channel[];
}): Promise<{ id: string; customerId: string }[]> {
  if (options.channels.length === 0) return [];
  const leaseUntil = new Date(options.now.getTime() + LEASE_MS);
  // RETURNING has no order of its own: a customer's messages are sent in the order given here.
  return db.$queryRaw<{ id: string; customerId: string }[]>`
    WITH claimed AS (
      UPDATE "ScheduledMessage"
         SET status = 'sending', "leaseExpiresAt" = ${leaseUntil}, attempts = attempts + 1, "updatedAt" = NOW()
       WHERE id IN (
         SELECT id FROM "ScheduledMessage"
          WHERE status = 'scheduled' AND "dueAt" <= ${options.now} AND channel::text = ANY(${options.channels})
          ORDER BY "dueAt"
          LIMIT ${options.limit}
          FOR UPDATE SKIP LOCKED)
      RETURNING id, "customerId", "dueAt")
    SELECT id, "customerId" FROM claimed ORDER BY "dueAt", id`;
}

/**
 * A dispatcher that died holding messages: once the lease has expired nobody knows whether the
 * provider got the request, so they become "unknown" and are settled before any resend.
 */
export async function reclaimExpiredLeases(now: Date): Promise<number> {
  const { count } = await db.scheduledMessage.updateMany({
    where: { status: "sending", leaseExpiresAt: { lt: now } },
    data: { status: "unknown", leaseExpiresAt: null, lastError: "the dispatcher stopped while sending" },
  });
  return count;
}
