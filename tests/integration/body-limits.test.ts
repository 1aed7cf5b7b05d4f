import { beforeEach, describe, expect, it } from "vitest";
import { POST as eventsApi } from "@/app/api/events/route";
import { POST as postmarkInbound } from "@/app/api/webhooks/postmark/inbound/route";
import { POST as shopifyWebhook } from "@/app/api/webhooks/shopify/route";
import { POST as twilioSms } from "@/app/api/webhooks/twilio/sms/route";
import { POST as twilioStatus } from "@/app/api/webhooks/twilio/status/route";
import { createApiToken } from "@/lib/api-tokens/manage-api-tokens";
import { db } from "@/lib/db";
import { createUser } from "@/lib/users/create-user";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { withProviderEnv } from "../support/test-env";
import { TWILIO_TEST } from "../support/twilio";

// #11: request bodies are capped before they are read, with a 413, whether the sender declares
// the size or streams without one, and nothing is stored.

withProviderEnv(() => ({
  APP_URL: TWILIO_TEST.appUrl,
  TWILIO_ACCOUNT_SID: TWILIO_TEST.sid,
  TWILIO_AUTH_TOKEN: TWILIO_TEST.token,
  TWILIO_FROM_NUMBER: TWILIO_TEST.from,
  POSTMARK_WEBHOOK_USER: "postmark",
  POSTMARK_WEBHOOK_PASSWORD: "webhook-password",
}));
// The events API checks its token before reading a byte: the caps are tried with a valid one.
let apiToken = "";
beforeEach(async () => {
  await truncateAllTables();
  const admin = await createUser({ email: "admin@shop.test", role: "admin", password: "admin-password" });
  apiToken = (await createApiToken("Shop backend", admin.id)).token;
});

/** A body streamed in 8 KB chunks with no Content-Length; `pulled` counts what was read. */
function streamed(bytes: number) {
  const chunk = new Uint8Array(8 * 1024).fill(0x61);
  const state = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= bytes) return controller.close();
      state.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { body, state };
}

const routes = [
  {
    name: "Shopify",
    handler: shopifyWebhook,
    path: "/api/webhooks/shopify",
    limit: 5 * 1024 * 1024,
    headers: { "content-type": "application/json" },
  },
  {
    name: "Twilio SMS",
    handler: twilioSms,
    path: "/api/webhooks/twilio/sms",
    limit: 64 * 1024,
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": "x" },
  },
  {
    name: "Twilio status",
    handler: twilioStatus,
    path: "/api/webhooks/twilio/status",
    limit: 64 * 1024,
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": "x" },
  },
  {
    name: "events API",
    handler: eventsApi,
    path: "/api/events",
    limit: 1024 * 1024,
    headers: { "content-type": "application/json" },
    bearer: true,
  },
  {
    name: "Postmark inbound",
    handler: postmarkInbound,
    path: "/api/webhooks/postmark/inbound",
    limit: 50 * 1024 * 1024,
    headers: {
      "content-type": "application/json",
      authorization: `Basic ${Buffer.from("postmark:webhook-password").toString("base64")}`,
    },
  },
] as const;

describe.each(routes)("$name", ({ handler, path, limit, ...route }) => {
  const headers = () => ({ ...route.headers, ...("bearer" in route ? { authorization: `Bearer ${apiToken}` } : {}) });
  it("refuses a declared size over the cap with 413 without reading the body", async () => {
    const { body, state } = streamed(limit * 2);
    const request = new Request(`http://localhost${path}`, {
      method: "POST",
      headers: { ...headers(), "content-length": String(limit * 2) },
      body,
      duplex: "half",
    } as RequestInit);
    const response = await handler(request);
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatch(/^The body is larger than/);
    // The stream may have been primed with a chunk or two, never read to the end.
    expect(state.pulled).toBeLessThan(limit);
  });

  it("stops reading a streamed body as soon as it passes the cap", async () => {
    const { body, state } = streamed(limit * 4);
    const response = await handler(
      new Request(`http://localhost${path}`, {
        method: "POST",
        headers: headers(),
        body,
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(state.pulled).toBeLessThan(limit * 2);
    expect(await db.webhookEvent.count()).toBe(0);
  });
});
