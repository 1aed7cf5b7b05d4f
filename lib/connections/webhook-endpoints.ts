import "server-only";
import { channelTransports, env, type Env } from "@/lib/env";
import { eventsApiConnection } from "@/lib/events-api/events-api-webhook";
import type { WebhookProvider } from "@/lib/generated/prisma/enums";
import { metaConnection } from "@/lib/meta/meta-webhooks";
import { postmarkConnection } from "@/lib/postmark/postmark-webhooks";
import { shopifyConnection } from "@/lib/shopify/shopify-webhook";
import { twilioConnection } from "@/lib/twilio/twilio-webhooks";
import type { ProviderConnection, ProviderSetup } from "@/lib/webhooks/provider-connection";
import type { WebhookEndpoint } from "@/lib/webhooks/receive-webhook";

/**
 * Every provider this server takes calls from, in the order the Connections page shows them: the
 * one registration a provider's folder needs (its endpoints, setup and topics). Keyed by provider,
 * so a provider the schema knows cannot be left out.
 */
const PROVIDERS = Object.values({
  postmark: postmarkConnection,
  twilio: twilioConnection,
  shopify: shopifyConnection,
  meta: metaConnection,
  events_api: eventsApiConnection,
} satisfies Record<WebhookProvider, ProviderConnection>);

/** The endpoint a failed delivery was stored under (its key), to replay it. */
export function findWebhookEndpoint(key: string): WebhookEndpoint | undefined {
  return PROVIDERS.flatMap((provider) => provider.endpoints).find((endpoint) => endpoint.key === key);
}

/** Each provider's webhook URLs on this server (APP_URL) and the settings they need. */
export function providerSetups(e: Env = env()): ProviderSetup[] {
  const base = e.APP_URL.replace(/\/$/, "");
  return PROVIDERS.map((connection) => ({ provider: connection.provider, ...connection.setup(e, base) }));
}

/** The topics each provider's counts are shown under, whether or not anything arrived yet. */
export function expectedTopics(provider: WebhookProvider): string[] {
  return [...(PROVIDERS.find((connection) => connection.provider === provider)?.topics ?? [])];
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
