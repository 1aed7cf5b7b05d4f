import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(path.join(import.meta.dirname, "../fixtures", name), "utf8")) as T;
}

export function signShopify(body: string, secret = process.env.SHOPIFY_WEBHOOK_SECRET!): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}

/** A Shopify webhook delivery as Shopify sends it: raw JSON, topic, id and HMAC headers. */
export function shopifyRequest(
  topic: string,
  payload: unknown,
  options: { webhookId?: string; hmac?: string | null; rawBody?: string } = {},
): Request {
  const body = options.rawBody ?? JSON.stringify(payload);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-shopify-topic": topic,
    "x-shopify-webhook-id": options.webhookId ?? randomUUID(),
    "x-shopify-shop-domain": "atelier-lune.myshopify.com",
  };
  const hmac = options.hmac === undefined ? signShopify(body) : options.hmac;
  if (hmac !== null) headers["x-shopify-hmac-sha256"] = hmac;
  return new Request("http://localhost/api/webhooks/shopify", { method: "POST", headers, body });
}
