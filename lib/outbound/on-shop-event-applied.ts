import "server-only";
import type { DbClient } from "@/lib/db";
import { cancelAbandonedCheckoutFlow } from "@/lib/outbound/abandoned-checkout-flow";
import { schedulePostDelivery } from "@/lib/outbound/schedule-post-delivery";

export type AppliedShopEvent =
  | { type: "checkout.updated"; checkoutId: string; completed: boolean; customerId: string | null }
  | { type: "order.placed"; orderId: string; checkoutId: string | null; customerId: string | null }
  | { type: "order.delivered"; orderId: string; firstDelivery: boolean }
  | { type: "review.created"; customerId: string }
  | { type: "compliance.request"; privacyRequestId: string };

/**
 * How the outgoing flows react to what the shop did. Abandonment itself is noticed by the
 * dispatcher (markAbandonedCheckouts), since it is the absence of an event.
 */
export async function onShopEventApplied(event: AppliedShopEvent, tx: DbClient): Promise<void> {
  switch (event.type) {
    case "checkout.updated":
      if (event.completed) await cancelAbandonedCheckoutFlow({ checkoutId: event.checkoutId, customerId: null }, tx);
      return;
    case "order.placed":
      await cancelAbandonedCheckoutFlow({ checkoutId: event.checkoutId, customerId: event.customerId }, tx);
      return;
    case "order.delivered":
      if (event.firstDelivery) await schedulePostDelivery(event.orderId, tx);
      return;
    case "review.created":
    case "compliance.request":
      // Reviews are checked when the day 14 reminder and the SMS are about to go out.
      return;
  }
}
