import "server-only";
import { channelTransports, env, type Env } from "@/lib/env";
import { eventsApiWebhook } from "@/lib/events-api/events-api-webhook";
import type { WebhookProvider } from "@/lib/generated/prisma/enums";
import { metaWebhook } from "@/lib/meta/meta-webhooks";
import { postmarkEventsWebhook, postmarkInboundWebhook } from "@/lib/postmark/postmark-webhooks";
import { SHOPIFY_TOPICS } from "@/lib/shopify/map-shopify-webhook";
import { shopifyWebhook } from "@/lib/shopify/shopify-webhook";
import { twilioSmsWebhook, twilioStatusWebhook } from "@/lib/twilio/twilio-webhooks";
import type { WebhookEndpoint } from "@/lib/webhooks/receive-webhook";

/** Every endpoint a provider calls, by the key stored with a failed delivery. */
const ENDPOINTS = [
  postmarkInboundWebhook,
  postmarkEventsWebhook,
  twilioSmsWebhook,
  twilioStatusWebhook,
  shopifyWebhook,
  eventsApiWebhook,
  metaWebhook,
];

export function findWebhookEndpoint(key: string): WebhookEndpoint | undefined {
  return ENDPOINTS.find((endpoint) => endpoint.key === key);
}

/** One URL to paste into a provider's console, and the topics it receives. */
export type WebhookSetupUrl = { key: string; url: string; topics: readonly string[] };

/** What the Connections page shows per provider: whether it is set up here, and what to copy there. */
export type ProviderSetup = {
  provider: WebhookProvider;
  /** The variables this server is missing to accept the provider's calls (empty: ready). */
  missing: string[];
  urls: WebhookSetupUrl[];
  /** Postmark: the user name of the basic auth (the password is never shown). */
  basicAuthUser?: string;
};

/** Each provider's webhook URLs on this server (APP_URL) and the settings they need. */
export function providerSetups(e: Env = env()): ProviderSetup[] {
  const base = e.APP_URL.replace(/\/$/, "");
  const withAuth = (path: string) => {
    if (!e.POSTMARK_WEBHOOK_USER) return `${base}${path}`;
    const url = new URL(`${base}${path}`);
    url.username = e.POSTMARK_WEBHOOK_USER;
    url.password = "PASSWORD";
    return url.toString();
  };
  return [
    {
      provider: "postmark",
      missing: [
        !e.POSTMARK_WEBHOOK_USER && "POSTMARK_WEBHOOK_USER",
        !e.POSTMARK_WEBHOOK_PASSWORD && "POSTMARK_WEBHOOK_PASSWORD",
      ].filter((name): name is string => Boolean(name)),
      urls: [
        { key: "postmark.inbound", url: withAuth("/api/webhooks/postmark/inbound"), topics: ["inbound"] },
        {
          key: "postmark.events",
          url: withAuth("/api/webhooks/postmark/events"),
          topics: ["Bounce", "SpamComplaint", "SubscriptionChange", "Delivery"],
        },
      ],
      ...(e.POSTMARK_WEBHOOK_USER ? { basicAuthUser: e.POSTMARK_WEBHOOK_USER } : {}),
    },
    {
      provider: "twilio",
      missing: e.TWILIO_AUTH_TOKEN ? [] : ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM_NUMBER"],
      urls: [
        { key: "twilio.sms", url: `${base}/api/webhooks/twilio/sms`, topics: ["sms"] },
        { key: "twilio.status", url: `${base}/api/webhooks/twilio/status`, topics: ["status"] },
      ],
    },
    {
      provider: "shopify",
      missing: e.SHOPIFY_WEBHOOK_SECRET ? [] : ["SHOPIFY_WEBHOOK_SECRET"],
      urls: [{ key: "shopify", url: `${base}/api/webhooks/shopify`, topics: SHOPIFY_TOPICS }],
    },
    {
      // Messenger and Instagram: the callback URL and verify token go in the Meta app's dashboard.
      provider: "meta",
      missing: [
        !e.META_APP_SECRET && "META_APP_SECRET",
        !e.META_VERIFY_TOKEN && "META_VERIFY_TOKEN",
        !e.META_PAGE_ACCESS_TOKEN && "META_PAGE_ACCESS_TOKEN",
      ].filter((name): name is string => Boolean(name)),
      urls: [{ key: "meta.messages", url: `${base}/api/webhooks/meta`, topics: ["messages"] }],
    },
    {
      provider: "events_api",
      missing: [],
      urls: [{ key: "events_api", url: `${base}/api/events`, topics: ["events"] }],
    },
  ];
}

/** The topics each provider's counts are shown under, whether or not anything arrived yet. */
export function expectedTopics(provider: WebhookProvider): string[] {
  switch (provider) {
    case "postmark":
      return ["inbound", "events"];
    case "twilio":
      return ["sms", "status"];
    case "shopify":
      return [...SHOPIFY_TOPICS];
    case "events_api":
      return ["events"];
    case "meta":
      return ["messages"];
  }
}

/** Callbacks we count on after sending through a provider: silence from them means a broken setup. */
export function expectedCallbacks(
  e: Env = env(),
): { provider: WebhookProvider; topic: string; channel: "email" | "sms" }[] {
  const transports = channelTransports(e);
  return [
    ...(transports.email === "postmark"
      ? [{ provider: "postmark" as const, topic: "events", channel: "email" as const }]
      : []),
    ...(transports.sms === "twilio" ? [{ provider: "twilio" as const, topic: "status", channel: "sms" as const }] : []),
  ];
}
