// Deliveries to the app's webhooks as each provider sends them, authenticated with the e2e
// secrets: Postmark's basic auth, Twilio's signature, Shopify's HMAC, Meta's X-Hub-Signature-256.
import { createHmac, randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import twilio from "twilio";
import { E2E } from "./e2e-env";

const BASE = E2E.postgres.baseURL;
const POSTMARK_AUTH = `Basic ${Buffer.from(`${E2E.secrets.POSTMARK_WEBHOOK_USER}:${E2E.secrets.POSTMARK_WEBHOOK_PASSWORD}`).toString("base64")}`;

/** An inbound mail, posted as Postmark's inbound webhook does. */
export function postPostmarkInbound(request: APIRequestContext, mail: Record<string, unknown>) {
  return request.post(`${BASE}/api/webhooks/postmark/inbound`, {
    headers: { authorization: POSTMARK_AUTH },
    data: mail,
  });
}

/** An inbound SMS, form-encoded and signed as Twilio signs it. */
export function postTwilioSms(request: APIRequestContext, params: Record<string, string>) {
  const url = `${BASE}/api/webhooks/twilio/sms`;
  return request.post(url, {
    form: params,
    headers: { "x-twilio-signature": twilio.getExpectedTwilioSignature(E2E.secrets.TWILIO_AUTH_TOKEN, url, params) },
  });
}

/** A Shopify webhook of this topic, its raw body signed with the webhook secret. */
export function postShopify(request: APIRequestContext, topic: string, payload: unknown) {
  const raw = JSON.stringify(payload);
  return request.post(`${BASE}/api/webhooks/shopify`, {
    data: raw,
    headers: {
      "content-type": "application/json",
      "x-shopify-topic": topic,
      "x-shopify-webhook-id": randomUUID(),
      "x-shopify-shop-domain": "e2e.myshopify.com",
      "x-shopify-hmac-sha256": createHmac("sha256", E2E.secrets.SHOPIFY_WEBHOOK_SECRET).update(raw).digest("base64"),
    },
  });
}

/** A Messenger or Instagram delivery, its raw body signed with the app secret. */
export function postMeta(request: APIRequestContext, payload: unknown) {
  const raw = JSON.stringify(payload);
  return request.post(`${BASE}/api/webhooks/meta`, {
    data: raw,
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": `sha256=${createHmac("sha256", E2E.secrets.META_APP_SECRET).update(raw).digest("hex")}`,
    },
  });
}
