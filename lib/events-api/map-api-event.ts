// The generic events API (POST /api/events) for shops not on Shopify: JSON in, ShopEvents out.
// Pure and documented in docs/EVENTS_API.md.
import { z } from "zod";
import { amountFits, MAX_QUANTITY, MAX_STORED_AMOUNT } from "@/lib/validation/stored-number-limits";
import { normalizePhone } from "@/lib/phone/normalize-phone";
import { isTimeZone } from "@/lib/i18n/time-zone";
import type { CustomerDetails, LineItemDetails, ShopEvent } from "@/lib/shop-events/shop-event";
import { localeFrom } from "@/lib/shop-events/locale";

const timestamp = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 date-time, e.g. 2026-11-22T19:41:12Z" })
  .transform((v) => new Date(v));
const money = z
  .union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d{1,2})?$/, "must be an amount like 94.90")])
  .refine(amountFits, `must be at most ${MAX_STORED_AMOUNT}`)
  .transform((v) => Number(v).toFixed(2));
const phone = z.string().transform((value, ctx) => {
  const normalized = normalizePhone(value);
  if (!normalized)
    ctx.addIssue({ code: "custom", message: "must be a phone number in international form, e.g. +33612345678" });
  return normalized ?? "";
});

const customer = z
  .object({
    id: z.string().min(1).optional(),
    email: z
      .email({ pattern: z.regexes.html5Email, error: "must be an email address" })
      .transform((v) => v.toLowerCase())
      .optional(),
    phone: phone.optional(),
    first_name: z.string().max(100).optional(),
    last_name: z.string().max(100).optional(),
    locale: z.string().max(20).optional(),
    time_zone: z.string().refine(isTimeZone, "must be an IANA time zone, e.g. Europe/Paris").optional(),
  })
  .refine((c) => c.id || c.email || c.phone, "needs at least one of id, email or phone");

const lineItem = z.object({
  product_id: z.string().min(1).optional(),
  sku: z.string().optional(),
  title: z.string().min(1),
  quantity: z.number().int().positive().max(MAX_QUANTITY),
  price: money,
  category: z.string().min(1).max(100).optional(),
});

const smsConsent = z.object({
  granted: z.literal(true, { error: "only a granted consent can be sent; opt-outs come by SMS (STOP)" }),
  wording: z.string().min(1, "must be the words the customer agreed to"),
  collected_at: timestamp.optional(),
});

const base = { id: z.string().min(1).max(200), occurred_at: timestamp };

export const apiEventSchema = z.discriminatedUnion(
  "type",
  [
    z.object({
      ...base,
      type: z.literal("checkout.started"),
      data: z.object({
        checkout_id: z.string().min(1),
        customer,
        currency: z.string().length(3),
        total: money,
        checkout_url: z.url().optional(),
        line_items: z.array(lineItem).default([]),
        sms_consent: smsConsent.optional(),
      }),
    }),
    z.object({
      ...base,
      type: z.literal("checkout.completed"),
      data: z.object({
        order_id: z.string().min(1),
        order_number: z.string().min(1),
        checkout_id: z.string().min(1).optional(),
        customer,
        currency: z.string().length(3),
        total: money,
        line_items: z.array(lineItem).default([]),
        sms_consent: smsConsent.optional(),
      }),
    }),
    z.object({
      ...base,
      type: z.literal("order.delivered"),
      data: z.object({ order_id: z.string().min(1), delivered_at: timestamp.optional() }),
    }),
    z.object({
      ...base,
      type: z.literal("review.created"),
      data: z.object({
        review_id: z.string().min(1),
        order_id: z.string().min(1).optional(),
        customer,
        rating: z.number().int().min(1).max(5).optional(),
      }),
    }),
  ],
  { error: "type must be one of checkout.started, checkout.completed, order.delivered, review.created" },
);

export type ApiEvent = z.infer<typeof apiEventSchema>;
type ApiCustomer = z.infer<typeof customer>;

function customerDetails(c: ApiCustomer): CustomerDetails {
  return {
    externalId: c.id ?? null,
    email: c.email ?? null,
    phone: c.phone || null,
    firstName: c.first_name ?? null,
    lastName: c.last_name ?? null,
    locale: localeFrom(c.locale),
    timeZone: c.time_zone ?? null,
  };
}

function lineItems(items: z.infer<typeof lineItem>[]): LineItemDetails[] {
  return items.map((item) => ({
    productExternalId: item.product_id ?? null,
    sku: item.sku ?? null,
    title: item.title,
    quantity: item.quantity,
    unitPrice: item.price,
    category: item.category ?? null,
  }));
}

function consent(event: { occurred_at: Date }, c: ApiCustomer, grant: z.infer<typeof smsConsent> | undefined) {
  if (!grant || !c.phone) return null;
  return {
    phone: c.phone,
    occurredAt: grant.collected_at ?? event.occurred_at,
    source: "events_api" as const,
    wording: grant.wording,
  };
}

export function toShopEvent(event: ApiEvent): ShopEvent {
  switch (event.type) {
    case "checkout.started":
      return {
        type: "checkout.updated",
        checkout: {
          externalId: event.data.checkout_id,
          customer: customerDetails(event.data.customer),
          currency: event.data.currency.toUpperCase(),
          totalPrice: event.data.total,
          checkoutUrl: event.data.checkout_url ?? null,
          startedAt: event.occurred_at,
          lastActivityAt: event.occurred_at,
          completedAt: null,
          lineItems: lineItems(event.data.line_items),
        },
        smsConsent: consent(event, event.data.customer, event.data.sms_consent),
      };
    case "checkout.completed":
      return {
        type: "order.placed",
        order: {
          externalId: event.data.order_id,
          number: event.data.order_number,
          checkoutExternalId: event.data.checkout_id ?? null,
          customer: customerDetails(event.data.customer),
          currency: event.data.currency.toUpperCase(),
          totalPrice: event.data.total,
          placedAt: event.occurred_at,
          paidAt: event.occurred_at,
          lineItems: lineItems(event.data.line_items),
        },
        smsConsent: consent(event, event.data.customer, event.data.sms_consent),
      };
    case "order.delivered":
      return {
        type: "order.delivered",
        orderExternalId: event.data.order_id,
        deliveredAt: event.data.delivered_at ?? event.occurred_at,
      };
    case "review.created":
      return {
        type: "review.created",
        externalId: event.data.review_id,
        orderExternalId: event.data.order_id ?? null,
        customer: customerDetails(event.data.customer),
        rating: event.data.rating ?? null,
        createdAt: event.occurred_at,
      };
  }
}
