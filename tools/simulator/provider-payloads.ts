// The requests Shopify, Postmark, Twilio and a customer's browser would send, in their real wire
// formats and signed the way the app checks them. Pure apart from hashing.
import { createHmac } from "node:crypto";
import {
  postmarkDeliveryBody,
  postmarkInboundBody,
  twilioInboundSmsParams,
  twilioStatusParams,
  type EmailReply,
} from "@/lib/outbox/provider-payloads";
import { cartTotal, type CartItem, type SimCustomer } from "@/tools/simulator/shop-scenario";

export type SimulationSecrets = {
  /** The app's APP_URL: Twilio signatures are computed over it. */
  appUrl: string;
  cronSecret: string;
  shopifyWebhookSecret: string;
  postmarkWebhookUser: string;
  postmarkWebhookPassword: string;
  twilioAccountSid: string;
  twilioAuthToken: string;
  twilioFromNumber: string;
  /** A bearer token for /api/events (review.created); without it no reviews are recorded. */
  apiToken: string | null;
};

export type OutgoingRequest = { method: "GET" | "POST"; path: string; headers: Record<string, string>; body?: string };

/** Shopify's format drops the milliseconds; events at "now" keep them, so they sort after the sends they follow. */
const iso = (date: Date) => date.toISOString().replace(/\.000Z$/, "Z");

// --- Shopify ------------------------------------------------------------------------------

function shopifyLineItems(items: CartItem[]) {
  return items.map((item, i) => ({
    key: `li${i}`,
    product_id: Number(item.product.id),
    variant_id: Number(item.product.id) + 1000,
    title: item.product.title,
    sku: item.product.sku,
    vendor: "Atelier Lune",
    quantity: item.quantity,
    price: item.product.price,
    requires_shipping: true,
  }));
}

function shopifyCustomer(c: SimCustomer) {
  return {
    id: Number(c.shopifyId),
    email: c.email,
    first_name: c.firstName,
    last_name: c.lastName,
    phone: c.phone,
    locale: c.locale,
  };
}

const address = (c: SimCustomer) => ({
  first_name: c.firstName,
  last_name: c.lastName,
  country_code: c.country,
  city: c.country === "FR" ? "Lyon" : "Bristol",
  zip: c.country === "FR" ? "69003" : "BS1 4DJ",
});

export function shopifyCheckout(
  c: SimCustomer,
  token: string,
  items: CartItem[],
  times: { createdAt: Date; updatedAt: Date; completedAt: Date | null },
) {
  return {
    id: Number(c.shopifyId) + 5,
    token,
    cart_token: `cart-${token}`,
    email: c.email,
    phone: c.phone,
    sms_marketing_phone: c.smsConsent ? c.phone : null,
    buyer_accepts_marketing: false,
    buyer_accepts_sms_marketing: c.smsConsent,
    created_at: iso(times.createdAt),
    updated_at: iso(times.updatedAt),
    completed_at: times.completedAt ? iso(times.completedAt) : null,
    currency: "EUR",
    presentment_currency: "EUR",
    customer_locale: c.locale === "fr" ? "fr-FR" : "en-GB",
    abandoned_checkout_url: `https://atelier-lune.example/checkouts/ac/${token}/recover?key=${token.slice(-6)}`,
    total_price: cartTotal(items),
    line_items: shopifyLineItems(items),
    shipping_lines: [{ title: c.country === "FR" ? "Colissimo" : "Royal Mail", price: "5.90" }],
    billing_address: address(c),
    customer: shopifyCustomer(c),
  };
}

export function shopifyOrder(
  c: SimCustomer,
  order: { id: string; number: string; checkoutToken: string; items: CartItem[]; placedAt: Date },
) {
  return {
    id: Number(order.id),
    name: order.number,
    email: c.email,
    phone: c.phone,
    checkout_token: order.checkoutToken,
    created_at: iso(order.placedAt),
    updated_at: iso(order.placedAt),
    processed_at: iso(order.placedAt),
    financial_status: "paid",
    currency: "EUR",
    total_price: cartTotal(order.items),
    customer_locale: c.locale === "fr" ? "fr-FR" : "en-GB",
    buyer_accepts_sms_marketing: c.smsConsent,
    line_items: shopifyLineItems(order.items),
    billing_address: address(c),
    shipping_address: address(c),
    customer: shopifyCustomer(c),
  };
}

export function shopifyFulfillment(orderId: string, status: "in_transit" | "delivered", at: Date) {
  return {
    id: Number(orderId) + 7,
    order_id: Number(orderId),
    status: "success",
    shipment_status: status,
    created_at: iso(at),
    updated_at: iso(at),
    tracking_company: "Colissimo",
    tracking_number: `6A${orderId}`,
  };
}

export function shopifyWebhook(
  topic: string,
  payload: unknown,
  webhookId: string,
  secrets: SimulationSecrets,
): OutgoingRequest {
  const body = JSON.stringify(payload);
  return {
    method: "POST",
    path: "/api/webhooks/shopify",
    headers: {
      "content-type": "application/json",
      "x-shopify-topic": topic,
      "x-shopify-webhook-id": webhookId,
      "x-shopify-shop-domain": "atelier-lune.myshopify.com",
      "x-shopify-hmac-sha256": createHmac("sha256", secrets.shopifyWebhookSecret).update(body).digest("base64"),
    },
    body,
  };
}

// --- Postmark -----------------------------------------------------------------------------

function postmarkAuth(secrets: SimulationSecrets) {
  return `Basic ${Buffer.from(`${secrets.postmarkWebhookUser}:${secrets.postmarkWebhookPassword}`).toString("base64")}`;
}

function postmarkRequest(path: string, payload: unknown, secrets: SimulationSecrets): OutgoingRequest {
  return {
    method: "POST",
    path,
    headers: { "content-type": "application/json", authorization: postmarkAuth(secrets) },
    body: JSON.stringify(payload),
  };
}

export function postmarkDelivery(
  messageId: string,
  recipient: string,
  at: Date,
  secrets: SimulationSecrets,
): OutgoingRequest {
  return postmarkRequest("/api/webhooks/postmark/events", postmarkDeliveryBody(messageId, recipient, at), secrets);
}

export function postmarkHardBounce(
  id: number,
  messageId: string,
  email: string,
  at: Date,
  secrets: SimulationSecrets,
): OutgoingRequest {
  return postmarkRequest(
    "/api/webhooks/postmark/events",
    {
      RecordType: "Bounce",
      ID: id,
      Type: "HardBounce",
      TypeCode: 1,
      Name: "Hard bounce",
      MessageStream: "outbound",
      MessageID: messageId,
      Description: "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
      Details: "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
      Email: email,
      From: "lea@atelier-lune.example",
      BouncedAt: at.toISOString(),
      Inactive: true,
      CanActivate: true,
    },
    secrets,
  );
}

export function postmarkInbound(reply: EmailReply, quoted: string, secrets: SimulationSecrets): OutgoingRequest {
  return postmarkRequest("/api/webhooks/postmark/inbound", postmarkInboundBody(reply, quoted), secrets);
}

// --- Twilio -------------------------------------------------------------------------------

/** X-Twilio-Signature: HMAC-SHA1 of the public URL followed by the sorted parameters. */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac("sha1", authToken).update(Buffer.from(data, "utf8")).digest("base64");
}

function twilioRequest(path: string, params: Record<string, string>, secrets: SimulationSecrets): OutgoingRequest {
  const url = `${secrets.appUrl.replace(/\/$/, "")}${path}`;
  return {
    method: "POST",
    path,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": twilioSignature(secrets.twilioAuthToken, url, params),
    },
    body: new URLSearchParams(params).toString(),
  };
}

export function twilioInboundSms(
  sid: string,
  from: string,
  country: string,
  body: string,
  secrets: SimulationSecrets,
): OutgoingRequest {
  return twilioRequest("/api/webhooks/twilio/sms", twilioInboundSmsParams(sid, from, country, body, secrets), secrets);
}

export function twilioStatus(
  sid: string,
  to: string,
  status: "sent" | "delivered" | "undelivered",
  secrets: SimulationSecrets,
): OutgoingRequest {
  return twilioRequest("/api/webhooks/twilio/status", twilioStatusParams(sid, to, status, secrets), secrets);
}

// --- The customer's browser, the events API, the cron --------------------------------------

export function linkClick(path: string, locale: string): OutgoingRequest {
  return {
    method: "GET",
    path,
    headers: {
      "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
      "accept-language": locale === "fr" ? "fr-FR,fr;q=0.9" : "en-GB,en;q=0.9",
    },
  };
}

/** RFC 8058 one-click unsubscribe, as a mail client sends it from List-Unsubscribe. */
export function oneClickUnsubscribe(path: string): OutgoingRequest {
  return {
    method: "POST",
    path,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
  };
}

export function reviewCreated(
  id: string,
  c: SimCustomer,
  orderId: string | null,
  rating: number,
  at: Date,
  secrets: SimulationSecrets,
): OutgoingRequest {
  const body = {
    id,
    type: "review.created",
    occurred_at: iso(at),
    data: { review_id: id, ...(orderId ? { order_id: orderId } : {}), customer: { email: c.email }, rating },
  };
  return {
    method: "POST",
    path: "/api/events",
    headers: { "content-type": "application/json", authorization: `Bearer ${secrets.apiToken}` },
    body: JSON.stringify(body),
  };
}

export function cronDispatch(secrets: SimulationSecrets): OutgoingRequest {
  return { method: "GET", path: "/api/cron/dispatch", headers: { authorization: `Bearer ${secrets.cronSecret}` } };
}
