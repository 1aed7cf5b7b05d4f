import "server-only";
import type { DbClient } from "@/lib/db";
import { recordSmsConsent } from "@/lib/consent/sms-consent";
import { AppError } from "@/lib/errors";
import { upsertCustomer } from "@/lib/shop-events/upsert-customer";
import type { CustomerDetails, LineItemDetails, ShopEvent } from "@/lib/shop-events/shop-event";
import { withoutErasedIdentities } from "@/lib/privacy/erased-identities";
import { PRIVACY_KIND_BY_TOPIC, recordPrivacyRequest } from "@/lib/privacy/privacy-requests";
import { onShopEventApplied, type AppliedShopEvent } from "@/lib/outbound/on-shop-event-applied";

async function lineItemRows(items: LineItemDetails[], tx: DbClient) {
  const rows = [];
  for (const item of items) {
    let productId: string | null = null;
    if (item.productExternalId) {
      const categoryId = item.category
        ? (
            await tx.productCategory.upsert({
              where: { name: item.category },
              create: { name: item.category },
              update: {},
            })
          ).id
        : undefined;
      const product = await tx.product.upsert({
        where: { externalId: item.productExternalId },
        create: { externalId: item.productExternalId, title: item.title, sku: item.sku, categoryId },
        update: categoryId ? { categoryId } : {},
      });
      productId = product.id;
    }
    rows.push({ productId, title: item.title, quantity: item.quantity, unitPrice: item.unitPrice });
  }
  return rows;
}

/** Stores one shop event (customers, consent, checkouts, orders, reviews), then lets the flows react. */
export async function applyShopEvent(event: ShopEvent, tx: DbClient): Promise<AppliedShopEvent> {
  const applied = await store(await withoutErasedPeople(event, tx), tx);
  await onShopEventApplied(applied, tx);
  return applied;
}

/**
 * The event with the identifiers of erased people taken out (and, if any was, their names, SMS
 * consent and cart link) when it happened before their erasure: an old order or checkout
 * redelivered after an erasure stays anonymous.
 */
async function withoutErasedPeople(event: ShopEvent, tx: DbClient): Promise<ShopEvent> {
  const clean = async (customer: CustomerDetails, occurredAt: Date) => {
    const { details, erased } = await withoutErasedIdentities(customer, occurredAt, tx);
    return { customer: erased ? { ...details, firstName: null, lastName: null } : customer, erased };
  };
  switch (event.type) {
    case "checkout.updated": {
      const { customer, erased } = await clean(event.checkout.customer, event.checkout.lastActivityAt);
      return erased
        ? { ...event, checkout: { ...event.checkout, customer, checkoutUrl: null }, smsConsent: null }
        : event;
    }
    case "order.placed": {
      const { customer, erased } = await clean(event.order.customer, event.order.placedAt);
      return erased ? { ...event, order: { ...event.order, customer }, smsConsent: null } : event;
    }
    case "review.created": {
      const { customer } = await clean(event.customer, event.createdAt);
      return { ...event, customer };
    }
    default:
      return event;
  }
}

async function store(event: ShopEvent, tx: DbClient): Promise<AppliedShopEvent> {
  switch (event.type) {
    case "checkout.updated": {
      const { checkout } = event;
      const customer = await upsertCustomer(checkout.customer, tx);
      if (customer && event.smsConsent) await recordSmsConsent(customer.id, event.smsConsent, tx);
      const fields = {
        customerId: customer?.id ?? null,
        email: checkout.customer.email ?? null,
        phone: checkout.customer.phone ?? null,
        currency: checkout.currency,
        totalPrice: checkout.totalPrice,
        checkoutUrl: checkout.checkoutUrl,
        lastActivityAt: checkout.lastActivityAt,
      };
      const existing = await tx.checkout.findUnique({ where: { externalId: checkout.externalId } });
      // Webhooks arrive out of order: an older update never overwrites a newer one.
      if (existing && existing.lastActivityAt > checkout.lastActivityAt) {
        return {
          type: "checkout.updated",
          checkoutId: existing.id,
          completed: Boolean(existing.completedAt),
          customerId: existing.customerId,
        };
      }
      const lineItems = await lineItemRows(checkout.lineItems, tx);
      const saved = existing
        ? await tx.checkout.update({
            where: { id: existing.id },
            data: {
              ...fields,
              completedAt: existing.completedAt ?? checkout.completedAt,
              lineItems: { deleteMany: {}, create: lineItems },
            },
          })
        : await tx.checkout.create({
            data: {
              ...fields,
              externalId: checkout.externalId,
              startedAt: checkout.startedAt,
              completedAt: checkout.completedAt,
              lineItems: { create: lineItems },
            },
          });
      return {
        type: "checkout.updated",
        checkoutId: saved.id,
        completed: Boolean(saved.completedAt),
        customerId: saved.customerId,
      };
    }

    case "order.placed": {
      const { order } = event;
      const customer = await upsertCustomer(order.customer, tx);
      if (customer && event.smsConsent) await recordSmsConsent(customer.id, event.smsConsent, tx);
      const named = order.checkoutExternalId
        ? await tx.checkout.findUnique({
            where: { externalId: order.checkoutExternalId },
            include: { order: { select: { externalId: true } } },
          })
        : null;
      // A checkout becomes one order; a second order naming it keeps its own record, unlinked.
      const checkout = named && (!named.order || named.order.externalId === order.externalId) ? named : null;
      if (checkout && !checkout.completedAt)
        await tx.checkout.update({ where: { id: checkout.id }, data: { completedAt: order.placedAt } });
      const existing = await tx.order.findUnique({ where: { externalId: order.externalId } });
      const saved = existing
        ? await tx.order.update({
            where: { id: existing.id },
            data: { paidAt: existing.paidAt ?? order.paidAt, checkoutId: existing.checkoutId ?? checkout?.id ?? null },
          })
        : await tx.order.create({
            data: {
              externalId: order.externalId,
              number: order.number,
              customerId: customer?.id ?? null,
              checkoutId: checkout?.id ?? null,
              currency: order.currency,
              totalPrice: order.totalPrice,
              placedAt: order.placedAt,
              paidAt: order.paidAt,
              lineItems: { create: await lineItemRows(order.lineItems, tx) },
            },
          });
      return {
        type: "order.placed",
        orderId: saved.id,
        checkoutId: checkout?.id ?? null,
        customerId: customer?.id ?? null,
      };
    }

    case "order.delivered": {
      const order = await tx.order.findUnique({ where: { externalId: event.orderExternalId } });
      // Rolled back and answered with a 409: the provider retries once the order has arrived.
      if (!order)
        throw new AppError(
          "conflict",
          `Order ${event.orderExternalId} is not known yet; deliver this event again after the order.`,
        );
      // The first delivery time stands; a later "delivered" update does not move the sequence.
      if (!order.deliveredAt)
        await tx.order.update({ where: { id: order.id }, data: { deliveredAt: event.deliveredAt } });
      return { type: "order.delivered", orderId: order.id, firstDelivery: !order.deliveredAt };
    }

    case "review.created": {
      const customer = await upsertCustomer(event.customer, tx);
      if (!customer) throw new AppError("bad_request", "A review needs the customer's email or phone.");
      const order = event.orderExternalId
        ? await tx.order.findUnique({ where: { externalId: event.orderExternalId } })
        : null;
      await tx.review.upsert({
        where: { externalId: event.externalId },
        create: {
          externalId: event.externalId,
          customerId: customer.id,
          orderId: order?.id ?? null,
          rating: event.rating,
          createdAt: event.createdAt,
        },
        update: {},
      });
      return { type: "review.created", customerId: customer.id };
    }

    case "compliance.request": {
      // Recorded here, in the webhook's once-only transaction; carried out after the answer.
      const request = await recordPrivacyRequest(
        { kind: PRIVACY_KIND_BY_TOPIC[event.topic], source: "shopify", subject: event.subject },
        tx,
      );
      return { type: "compliance.request", privacyRequestId: request.id };
    }
  }
}
