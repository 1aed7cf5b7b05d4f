// Shopify webhook payloads (topic + JSON) → ShopEvents. Pure: no I/O, unit-tested on fixtures.
import { z } from "zod";
import { amountFits, MAX_QUANTITY, MAX_STORED_AMOUNT } from "@/lib/validation/stored-number-limits";
import { normalizePhone } from "@/lib/phone/normalize-phone";
import { localeFrom } from "@/lib/shop-events/locale";
import type { SmsConsentGrant } from "@/lib/consent/sms-consent";
import type { CustomerDetails, LineItemDetails, ShopEvent } from "@/lib/shop-events/shop-event";

// Shopify does not send the words shown next to its SMS checkbox; say where consent came from.

const id = z.union([z.number().int(), z.string().min(1)]).transform(String);
const timestamp = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const money = z
  .union([z.string(), z.number()])
  .refine((value) => Number.isFinite(Number(value)), "must be a number")
  .refine(amountFits, `must be at most ${MAX_STORED_AMOUNT}`)
  .transform((value) => Number(value).toFixed(2));

const smsMarketingConsent = z.object({
  state: z.string(),
  consent_updated_at: timestamp.nullish(),
  consent_collected_from: z.string().nullish(),
});

const customer = z.object({
  id: id.nullish(),
  email: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  phone: z.string().nullish(),
  locale: z.string().nullish(),
  sms_marketing_consent: smsMarketingConsent.nullish(),
});

const address = z.object({
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  country_code: z.string().nullish(),
  phone: z.string().nullish(),
});

const lineItem = z.object({
  product_id: id.nullish(),
  sku: z.string().nullish(),
  title: z.string(),
  quantity: z.number().int().positive().max(MAX_QUANTITY),
  price: money,
});

const checkout = z.object({
  token: z.string().min(1),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  sms_marketing_phone: z.string().nullish(),
  buyer_accepts_sms_marketing: z.boolean().nullish(),
  created_at: timestamp,
  updated_at: timestamp,
  completed_at: timestamp.nullish(),
  currency: z.string().length(3),
  total_price: money,
  customer_locale: z.string().nullish(),
  abandoned_checkout_url: z.string().nullish(),
  line_items: z.array(lineItem).default([]),
  billing_address: address.nullish(),
  customer: customer.nullish(),
});

const order = z.object({
  id,
  name: z.string().min(1),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  checkout_token: z.string().nullish(),
  created_at: timestamp,
  updated_at: timestamp.nullish(),
  processed_at: timestamp.nullish(),
  financial_status: z.string().nullish(),
  currency: z.string().length(3),
  total_price: money,
  customer_locale: z.string().nullish(),
  buyer_accepts_sms_marketing: z.boolean().nullish(),
  line_items: z.array(lineItem).default([]),
  billing_address: address.nullish(),
  shipping_address: address.nullish(),
  customer: customer.nullish(),
});

const fulfillment = z.object({ order_id: id, shipment_status: z.string().nullish(), updated_at: timestamp });
const fulfillmentEvent = z.object({
  order_id: id,
  status: z.string(),
  happened_at: timestamp.nullish(),
  created_at: timestamp,
});

type Customer = z.infer<typeof customer>;
type Address = z.infer<typeof address>;

function customerDetails(input: {
  email?: string | null;
  phone?: string | null;
  locale?: string | null;
  customer?: Customer | null;
  address?: Address | null;
}): CustomerDetails {
  const country = input.address?.country_code;
  return {
    externalId: input.customer?.id ?? null,
    email: (input.email ?? input.customer?.email)?.trim().toLowerCase() || null,
    phone: normalizePhone(input.phone ?? input.customer?.phone ?? input.address?.phone, country),
    firstName: input.customer?.first_name ?? input.address?.first_name ?? null,
    lastName: input.customer?.last_name ?? input.address?.last_name ?? null,
    locale: localeFrom(input.locale ?? input.customer?.locale),
  };
}

function lineItems(items: z.infer<typeof lineItem>[]): LineItemDetails[] {
  return items.map((item) => ({
    productExternalId: item.product_id ?? null,
    sku: item.sku ?? null,
    title: item.title,
    quantity: item.quantity,
    unitPrice: item.price,
  }));
}

/** Consent from the checkout checkbox, or from the customer's own SMS marketing state. */
function smsConsentFrom(input: {
  acceptsSms?: boolean | null;
  smsPhone?: string | null;
  at: Date;
  customer?: Customer | null;
  country?: string | null;
  fallbackPhone: string | null;
}): SmsConsentGrant | null {
  if (input.acceptsSms) {
    const phone = normalizePhone(input.smsPhone, input.country) ?? input.fallbackPhone;
    // The words next to the checkbox are the shop's (Settings), added when the consent is stored.
    if (phone) return { phone, occurredAt: input.at, source: "shopify_checkout", wording: null };
  }
  const consent = input.customer?.sms_marketing_consent;
  if (consent?.state === "subscribed" && input.fallbackPhone) {
    const from = consent.consent_collected_from?.toLowerCase() ?? "unknown";
    return {
      phone: input.fallbackPhone,
      occurredAt: consent.consent_updated_at ?? input.at,
      source: `shopify_customer_${from}`,
      wording: null,
    };
  }
  return null;
}

export type ShopifyMapResult = { ok: true; events: ShopEvent[]; ignored?: boolean } | { ok: false; error: string };

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ");
}

export const SHOPIFY_TOPICS = [
  "checkouts/create",
  "checkouts/update",
  "orders/create",
  "orders/paid",
  "fulfillments/create",
  "fulfillments/update",
  "fulfillment_events/create",
  "customers/redact",
  "customers/data_request",
  "shop/redact",
] as const;

/** The privacy webhooks name the customer by Shopify id, email and phone (any may be missing). */
const complianceRequest = z.object({
  customer: z.object({ id: id.nullish(), email: z.string().nullish(), phone: z.string().nullish() }).nullish(),
});

export function mapShopifyWebhook(topic: string, payload: unknown): ShopifyMapResult {
  switch (topic) {
    case "checkouts/create":
    case "checkouts/update": {
      const parsed = checkout.safeParse(payload);
      if (!parsed.success) return { ok: false, error: describe(parsed.error) };
      const c = parsed.data;
      const details = customerDetails({
        email: c.email,
        phone: c.phone,
        locale: c.customer_locale,
        customer: c.customer,
        address: c.billing_address,
      });
      return {
        ok: true,
        events: [
          {
            type: "checkout.updated",
            checkout: {
              externalId: c.token,
              customer: details,
              currency: c.currency,
              totalPrice: c.total_price,
              checkoutUrl: c.abandoned_checkout_url ?? null,
              startedAt: c.created_at,
              lastActivityAt: c.updated_at,
              completedAt: c.completed_at ?? null,
              lineItems: lineItems(c.line_items),
            },
            smsConsent: smsConsentFrom({
              acceptsSms: c.buyer_accepts_sms_marketing,
              smsPhone: c.sms_marketing_phone,
              at: c.updated_at,
              customer: c.customer,
              country: c.billing_address?.country_code,
              fallbackPhone: details.phone ?? null,
            }),
          },
        ],
      };
    }
    case "orders/create":
    case "orders/paid": {
      const parsed = order.safeParse(payload);
      if (!parsed.success) return { ok: false, error: describe(parsed.error) };
      const o = parsed.data;
      const address = o.billing_address ?? o.shipping_address;
      const details = customerDetails({
        email: o.email,
        phone: o.phone,
        locale: o.customer_locale,
        customer: o.customer,
        address,
      });
      const paid = topic === "orders/paid" || o.financial_status === "paid";
      return {
        ok: true,
        events: [
          {
            type: "order.placed",
            order: {
              externalId: o.id,
              number: o.name,
              checkoutExternalId: o.checkout_token ?? null,
              customer: details,
              currency: o.currency,
              totalPrice: o.total_price,
              placedAt: o.created_at,
              paidAt: paid ? (o.processed_at ?? o.updated_at ?? o.created_at) : null,
              lineItems: lineItems(o.line_items),
            },
            smsConsent: smsConsentFrom({
              acceptsSms: o.buyer_accepts_sms_marketing,
              at: o.created_at,
              customer: o.customer,
              country: address?.country_code,
              fallbackPhone: details.phone ?? null,
            }),
          },
        ],
      };
    }
    case "fulfillments/create":
    case "fulfillments/update": {
      const parsed = fulfillment.safeParse(payload);
      if (!parsed.success) return { ok: false, error: describe(parsed.error) };
      if (parsed.data.shipment_status !== "delivered") return { ok: true, events: [] };
      return {
        ok: true,
        events: [
          { type: "order.delivered", orderExternalId: parsed.data.order_id, deliveredAt: parsed.data.updated_at },
        ],
      };
    }
    case "fulfillment_events/create": {
      const parsed = fulfillmentEvent.safeParse(payload);
      if (!parsed.success) return { ok: false, error: describe(parsed.error) };
      if (parsed.data.status !== "delivered") return { ok: true, events: [] };
      return {
        ok: true,
        events: [
          {
            type: "order.delivered",
            orderExternalId: parsed.data.order_id,
            deliveredAt: parsed.data.happened_at ?? parsed.data.created_at,
          },
        ],
      };
    }
    case "customers/redact":
    case "customers/data_request": {
      const parsed = complianceRequest.safeParse(payload);
      if (!parsed.success) return { ok: false, error: describe(parsed.error) };
      const named = parsed.data.customer;
      const subject = {
        externalId: named?.id ?? null,
        email: named?.email?.trim().toLowerCase() || null,
        phone: normalizePhone(named?.phone, null),
      };
      if (!subject.externalId && !subject.email && !subject.phone)
        return { ok: false, error: "customer: an id, email or phone is required" };
      return { ok: true, events: [{ type: "compliance.request", topic, subject }] };
    }
    case "shop/redact":
      return { ok: true, events: [{ type: "compliance.request", topic, subject: null }] };
    default:
      return { ok: true, events: [], ignored: true };
  }
}
