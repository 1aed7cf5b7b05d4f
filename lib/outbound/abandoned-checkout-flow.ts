import "server-only";
import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import type { DbClient } from "@/lib/db";
import { cancelPendingMessages } from "@/lib/delivery/cancel-pending-messages";
import { CHECKOUT_FLOWS, HIGH_VALUE_CART_WINDOW, STEPS } from "@/lib/outbound/flow-steps";
import { customerTimeZones, nextSmsSendTime } from "@/lib/outbound/quiet-hours";
import { scheduleMessage } from "@/lib/outbound/schedule-message";
import { getFlowSettings } from "@/lib/settings/get-flow-settings";

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** 10:00 the day after `at`, in the customer's time, or the first moment every zone of theirs is in the window. */
export function nextDayMorning(at: Date, zones: string[]): Date {
  const zone = zones[0]!;
  const nextDay = formatInTimeZone(new Date(at.getTime() + DAY_MS), zone, "yyyy-MM-dd");
  const opening = fromZonedTime(`${nextDay}T${String(HIGH_VALUE_CART_WINDOW.startHour).padStart(2, "0")}:00:00`, zone);
  return nextSmsSendTime(opening, zones, HIGH_VALUE_CART_WINDOW);
}

/**
 * Marks checkouts idle for the abandonment delay, with no order, as abandoned, and schedules
 * their help email (useful for a day). A cart above the shop's threshold also gets one SMS the
 * next day between 10:00 and 20:00 in the customer's time (consent is checked when it is sent).
 * Run by the dispatcher before it sends. Returns how many were marked.
 */
export async function markAbandonedCheckouts(tx: DbClient, now = new Date()): Promise<number> {
  const settings = await getFlowSettings(tx);
  const idleSince = new Date(now.getTime() - settings.abandonAfterMinutes * MINUTE_MS);
  const checkouts = await tx.checkout.findMany({
    where: { completedAt: null, abandonedAt: null, order: null, lastActivityAt: { lte: idleSince } },
    select: {
      id: true,
      lastActivityAt: true,
      customerId: true,
      currency: true,
      totalPrice: true,
      customer: { select: { email: true, phone: true, timeZone: true } },
    },
    take: 500,
  });
  for (const checkout of checkouts) {
    const abandonedAt = new Date(checkout.lastActivityAt.getTime() + settings.abandonAfterMinutes * MINUTE_MS);
    await tx.checkout.update({ where: { id: checkout.id }, data: { abandonedAt } });
    if (!checkout.customerId) continue;
    if (checkout.customer?.email) {
      await scheduleMessage(
        {
          step: STEPS.abandonedHelp,
          subjectId: checkout.id,
          customerId: checkout.customerId,
          checkoutId: checkout.id,
          dueAt: new Date(abandonedAt.getTime() + settings.abandonedHelpDelayMinutes * MINUTE_MS),
          latestAt: new Date(abandonedAt.getTime() + STEPS.abandonedHelp.usefulForMs),
        },
        tx,
      );
    }
    const highValue =
      settings.highValueCartThreshold !== null &&
      checkout.currency === settings.highValueCartCurrency &&
      checkout.totalPrice.toNumber() >= settings.highValueCartThreshold;
    if (highValue && checkout.customer?.phone) {
      const dueAt = nextDayMorning(abandonedAt, customerTimeZones(checkout.customer, settings.timeZone));
      await scheduleMessage(
        {
          step: STEPS.highValueCartSms,
          subjectId: checkout.id,
          customerId: checkout.customerId,
          checkoutId: checkout.id,
          dueAt,
        },
        tx,
      );
    }
  }
  return checkouts.length;
}

/** An order came: what still waits in the checkout flows for this checkout, or this customer, is cancelled. */
export async function cancelAbandonedCheckoutFlow(
  where: { checkoutId: string | null; customerId: string | null },
  tx: DbClient,
): Promise<number> {
  const anyOf = [{ checkoutId: where.checkoutId ?? undefined }, { customerId: where.customerId ?? undefined }];
  return cancelPendingMessages({ flows: CHECKOUT_FLOWS, anyOf }, { kind: "order_placed" }, tx);
}
