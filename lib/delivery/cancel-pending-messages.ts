import "server-only";
import type { DbClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Channel, Flow } from "@/lib/generated/prisma/enums";
import { cancelReasonText, type CancelReason } from "@/lib/delivery/cancel-reasons";

/**
 * Which waiting messages: every condition given must hold. `flows` and `steps` add up (a message of
 * one of the flows, or one of the steps); an empty list matches nothing, never everything.
 */
export type PendingMessages = {
  id?: string;
  customerId?: string;
  checkoutId?: string;
  /** SMS to whoever is texted on this number. */
  smsNumber?: string;
  channel?: Channel;
  flows?: readonly Flow[];
  steps?: readonly { flow: Flow; step: string }[];
  /** One of these must match (a checkout or its customer). */
  anyOf?: readonly { checkoutId?: string; customerId?: string }[];
};

/**
 * The one place that cancels messages still waiting to go out (scheduled or paused), each with
 * its reason, in one statement: replies run it on every inbound message, and a raw statement costs
 * a third of the CPU of an ORM one (docs/PERFORMANCE.md). Returns how many were cancelled.
 */
export async function cancelPendingMessages(
  which: PendingMessages,
  reason: CancelReason,
  tx: DbClient,
): Promise<number> {
  const conditions: Prisma.Sql[] = [Prisma.sql`status IN ('scheduled', 'paused')`];
  if (which.id) conditions.push(Prisma.sql`id = ${which.id}`);
  if (which.customerId) conditions.push(Prisma.sql`"customerId" = ${which.customerId}`);
  if (which.checkoutId) conditions.push(Prisma.sql`"checkoutId" = ${which.checkoutId}`);
  if (which.smsNumber)
    conditions.push(
      Prisma.sql`channel = 'sms' AND "customerId" IN (SELECT id FROM "Customer" WHERE phone = ${which.smsNumber})`,
    );
  if (which.channel) conditions.push(Prisma.sql`channel = ${which.channel}::"Channel"`);
  if (which.flows || which.steps) {
    const kinds = [
      ...(which.flows ?? []).map((flow) => Prisma.sql`flow = ${flow}::"Flow"`),
      ...(which.steps ?? []).map(({ flow, step }) => Prisma.sql`(flow = ${flow}::"Flow" AND step = ${step})`),
    ];
    if (kinds.length === 0) return 0;
    conditions.push(Prisma.sql`(${Prisma.join(kinds, " OR ")})`);
  }
  const subjects = (which.anyOf ?? []).flatMap(({ checkoutId, customerId }) => {
    const parts = [
      ...(checkoutId ? [Prisma.sql`"checkoutId" = ${checkoutId}`] : []),
      ...(customerId ? [Prisma.sql`"customerId" = ${customerId}`] : []),
    ];
    return parts.length ? [Prisma.sql`(${Prisma.join(parts, " AND ")})`] : [];
  });
  if (which.anyOf) {
    if (subjects.length === 0) return 0;
    conditions.push(Prisma.sql`(${Prisma.join(subjects, " OR ")})`);
  }
  // Never "every waiting message": a subject is required.
  if (!which.id && !which.customerId && !which.checkoutId && !which.smsNumber && subjects.length === 0) return 0;
  return tx.$executeRaw`
    UPDATE "ScheduledMessage" SET status = 'cancelled', "statusReason" = ${cancelReasonText(reason)},
      "updatedAt" = (now() AT TIME ZONE 'UTC')
    WHERE ${Prisma.join(conditions, " AND ")}`;
}
