import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { parseUntrustedJson } from "@/lib/http/clean-untrusted-text";
import { runAfterResponse } from "@/lib/http/run-after-response";
import { logInfo } from "@/lib/log";
import { carryOutPrivacyRequest } from "@/lib/privacy/privacy-requests";
import { applyShopEvent } from "@/lib/shop-events/apply-shop-event";
import { mapShopifyWebhook, SHOPIFY_TOPICS } from "@/lib/shopify/map-shopify-webhook";
import { verifyShopifyHmac } from "@/lib/shopify/verify-shopify-hmac";
import { processWebhookOnce } from "@/lib/webhooks/process-webhook-once";
import type { WebhookEndpoint } from "@/lib/webhooks/receive-webhook";
import type { ProviderConnection } from "@/lib/webhooks/provider-connection";

export type ShopifyWebhookResult = { status: "processed" | "duplicate" | "ignored"; topic: string };

/** Every Shopify topic at one URL, signed with the app's secret (X-Shopify-Hmac-Sha256). */
export const shopifyWebhook: WebhookEndpoint = {
  key: "shopify",
  provider: "shopify",
  // An order with a few hundred lines is well under this.
  maxBytes: 5 * 1024 * 1024,
  // Counted under the topics we subscribe to; anything else (unsigned, or new) under "other".
  topic: (headers) => SHOPIFY_TOPICS.find((topic) => topic === headers.get("x-shopify-topic")) ?? "other",
  replayHeaders: ["x-shopify-topic", "x-shopify-webhook-id", "x-shopify-shop-domain"],
  authenticate: { by: "signature", check: ({ body, headers }) => verifyShopifySignature(body, headers) },
  async apply({ body, headers }) {
    const result = await receiveShopifyWebhook(body, headers);
    return { outcome: result.status === "processed" ? "applied" : result.status, response: Response.json(result) };
  },
};

function verifyShopifySignature(rawBody: Buffer, headers: Headers): void {
  const secret = env().SHOPIFY_WEBHOOK_SECRET;
  if (!secret)
    throw new AppError("unauthenticated", "Shopify webhooks are not configured: set SHOPIFY_WEBHOOK_SECRET.");
  if (!verifyShopifyHmac(rawBody, headers.get("x-shopify-hmac-sha256"), secret)) {
    throw new AppError("unauthenticated", "Invalid or missing X-Shopify-Hmac-Sha256.");
  }
}

/** Parses and applies one authenticated Shopify delivery, at most once per webhook id. */
async function receiveShopifyWebhook(rawBody: Buffer, headers: Headers): Promise<ShopifyWebhookResult> {
  const topic = headers.get("x-shopify-topic");
  const webhookId = headers.get("x-shopify-webhook-id");
  if (!topic || !webhookId) throw new AppError("bad_request", "Missing X-Shopify-Topic or X-Shopify-Webhook-Id.");

  let payload: unknown;
  try {
    payload = parseUntrustedJson(rawBody.toString("utf8"));
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
  const mapped = mapShopifyWebhook(topic, payload);
  if (!mapped.ok) throw new AppError("bad_request", `Invalid ${topic} payload: ${mapped.error}`);
  if (mapped.ignored) return { status: "ignored", topic };

  const outcome = await processWebhookOnce({ provider: "shopify", externalId: webhookId, topic }, async (tx) => {
    const applied = [];
    for (const event of mapped.events) applied.push(await applyShopEvent(event, tx));
    return applied;
  });
  // Privacy requests are recorded with the delivery and carried out after the answer (Shopify
  // expects one within seconds); the dispatcher takes up any that a crash left pending.
  for (const event of outcome.duplicate ? [] : outcome.result) {
    if (event.type !== "compliance.request") continue;
    logInfo("shopify", `privacy webhook ${topic} received (${webhookId}): request ${event.privacyRequestId} recorded`);
    runAfterResponse("privacy request", () => carryOutPrivacyRequest(event.privacyRequestId));
  }
  return { status: outcome.duplicate ? "duplicate" : "processed", topic };
}

/** The shop's events from Shopify, signed with the webhook secret. */
export const shopifyConnection: ProviderConnection = {
  provider: "shopify",
  endpoints: [shopifyWebhook],
  topics: SHOPIFY_TOPICS,
  setup: (e, base) => ({
    missing: e.SHOPIFY_WEBHOOK_SECRET ? [] : ["SHOPIFY_WEBHOOK_SECRET"],
    urls: [{ key: shopifyWebhook.key, url: `${base}/api/webhooks/shopify`, topics: SHOPIFY_TOPICS }],
  }),
};
