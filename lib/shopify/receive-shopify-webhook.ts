import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { parseUntrustedJson } from "@/lib/http/clean-untrusted-text";
import { applyShopEvent } from "@/lib/shop-events/apply-shop-event";
import { mapShopifyWebhook } from "@/lib/shopify/map-shopify-webhook";
import { verifyShopifyHmac } from "@/lib/shopify/verify-shopify-hmac";
import { processWebhookOnce } from "@/lib/webhooks/process-webhook-once";
import { logInfo } from "@/lib/log";
import { runAfterResponse } from "@/lib/http/run-after-response";
import { carryOutPrivacyRequest } from "@/lib/privacy/privacy-requests";

export type ShopifyWebhookResult = { status: "processed" | "duplicate" | "ignored"; topic: string };

/** Verifies, parses and applies one Shopify webhook delivery, at most once per webhook id. */
export async function receiveShopifyWebhook(rawBody: Buffer, headers: Headers): Promise<ShopifyWebhookResult> {
  const secret = env().SHOPIFY_WEBHOOK_SECRET;
  if (!secret) throw new AppError("unauthenticated", "Shopify webhooks are not configured: set SHOPIFY_WEBHOOK_SECRET.");
  if (!verifyShopifyHmac(rawBody, headers.get("x-shopify-hmac-sha256"), secret)) {
    throw new AppError("unauthenticated", "Invalid or missing X-Shopify-Hmac-Sha256.");
  }
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
