// The one registration of the providers (lib/connections/webhook-endpoints): what the Connections
// page shows for each, the topics its counts go under, and the endpoint a stored failure replays.
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { expectedTopics, findWebhookEndpoint, providerSetups } from "@/lib/connections/webhook-endpoints";

const bare = {
  ...env(),
  APP_URL: "https://inbox.atelier-lune.example/",
  POSTMARK_WEBHOOK_USER: undefined,
  POSTMARK_WEBHOOK_PASSWORD: undefined,
  TWILIO_AUTH_TOKEN: undefined,
  SHOPIFY_WEBHOOK_SECRET: undefined,
  META_APP_SECRET: undefined,
  META_VERIFY_TOKEN: undefined,
  META_PAGE_ACCESS_TOKEN: undefined,
};

describe("the providers' registration", () => {
  it("lists every provider in order, with the URLs to paste and what this server is missing", () => {
    const setups = providerSetups(bare);
    expect(setups.map((setup) => setup.provider)).toEqual(["postmark", "twilio", "shopify", "meta", "events_api"]);
    expect(Object.fromEntries(setups.map((setup) => [setup.provider, setup.missing]))).toEqual({
      postmark: ["POSTMARK_WEBHOOK_USER", "POSTMARK_WEBHOOK_PASSWORD"],
      twilio: ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM_NUMBER"],
      shopify: ["SHOPIFY_WEBHOOK_SECRET"],
      meta: ["META_APP_SECRET", "META_VERIFY_TOKEN", "META_PAGE_ACCESS_TOKEN"],
      events_api: [],
    });
    expect(setups.find((setup) => setup.provider === "meta")!.urls).toEqual([
      { key: "meta.messages", url: "https://inbox.atelier-lune.example/api/webhooks/meta", topics: ["messages"] },
    ]);
  });

  it("puts Postmark's user name in its URLs, never the password, and reads a partly set Meta", () => {
    const setups = providerSetups({
      ...bare,
      POSTMARK_WEBHOOK_USER: "postmark",
      POSTMARK_WEBHOOK_PASSWORD: "s3cret-password",
      META_APP_SECRET: "app-secret",
    });
    const postmark = setups.find((setup) => setup.provider === "postmark")!;
    expect(postmark).toMatchObject({ missing: [], basicAuthUser: "postmark" });
    expect(postmark.urls.map((url) => url.url)).toEqual([
      "https://postmark:PASSWORD@inbox.atelier-lune.example/api/webhooks/postmark/inbound",
      "https://postmark:PASSWORD@inbox.atelier-lune.example/api/webhooks/postmark/events",
    ]);
    expect(JSON.stringify(setups)).not.toContain("s3cret-password");
    expect(setups.find((setup) => setup.provider === "meta")!.missing).toEqual([
      "META_VERIFY_TOKEN",
      "META_PAGE_ACCESS_TOKEN",
    ]);
  });

  it("finds each endpoint by the key a stored failure carries, and each provider's topics", () => {
    for (const key of [
      "postmark.inbound",
      "postmark.events",
      "twilio.sms",
      "twilio.status",
      "shopify",
      "events_api",
      "meta.messages",
    ])
      expect(findWebhookEndpoint(key)?.key).toBe(key);
    expect(findWebhookEndpoint("mailgun.inbound")).toBeUndefined();
    expect(expectedTopics("postmark")).toEqual(["inbound", "events"]);
    expect(expectedTopics("meta")).toEqual(["messages"]);
    expect(expectedTopics("shopify")).toContain("orders/paid");
  });
});
