import "server-only";
import type { DbClient } from "@/lib/db";
import { STEPS } from "@/lib/outbound/flow-steps";
import { scheduleMessage } from "@/lib/outbound/schedule-message";
import { getFlowSettings } from "@/lib/settings/get-flow-settings";

const MINUTE_MS = 60 * 1000;

/**
 * Marks checkouts idle for the abandonment delay, with no order, as abandoned, and schedules
 * their help email. Run by the dispatcher before it sends. Returns how many were marked.
 */
export async function markAbandonedCheckouts(tx: DbClient, now = new Date()): Promise<number> {
  const settings = await getFlowSettings(tx);
  const idleSince = new Date(now.getTime() - settings.abandonAfterMinutes * MINUTE_MS);
  const checkouts = await tx.checkout.findMany({
    where: { completedAt: null, abandonedAt: null, order: null, lastActivityAt: { lte: idleSince } },
    select: { id: true, lastActivityAt: true, customerId: true, customer: { select: { email: true } } },
    take: 500,
  });
  for (const checkout of checkouts) {
    const abandonedAt = new Date(checkout.lastActivityAt.getTime() + settings.abandonAfterMinutes * MINUTE_MS);
    await tx.checkout.update({ where: { id: checkout.id }, data: { abandonedAt } });
    if (checkout.customerId && checkout.customer?.email) {
      await scheduleMessage(
        { step: STEPS.abandonedHelp, subjectId: checkout.id, customerId: checkout.customerId, checkoutId: checkout.id, dueAt: new Date(abandonedAt.getTime() + settings.abandonedHelpDelayMinutes * MINUTE_MS) },
        tx,
      );
    }
  }
  return checkouts.length;
}

/** An order came: the help emails still waiting for this checkout, or this customer, are cancelled. */
export async function cancelAbandonedCheckoutFlow(where: { checkoutId: string | null; customerId: string | null }, tx: DbClient): Promise<number> {
  const subjects = [where.checkoutId && { checkoutId: where.checkoutId }, where.customerId && { customerId: where.customerId }].filter(Boolean) as object[];
  if (subjects.length === 0) return 0;
  const { count } = await tx.scheduledMessage.updateMany({
    where: { flow: "abandoned_checkout", status: { in: ["scheduled", "paused"] }, OR: subjects },
    data: { status: "cancelled", statusReason: "cancelled: the order was placed" },
  });
  return count;
}
