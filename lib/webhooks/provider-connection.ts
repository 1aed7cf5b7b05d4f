import type { Env } from "@/lib/env";
import type { WebhookProvider } from "@/lib/generated/prisma/enums";
import type { WebhookEndpoint } from "@/lib/webhooks/receive-webhook";

// What a provider's folder registers in one place (lib/connections/webhook-endpoints): the
// endpoints it calls, what the Connections page shows to set it up, and the topics its counts go
// under. Adding a provider (a channel's, a shop's) is its folder plus one line there.

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

export type ProviderConnection = {
  provider: WebhookProvider;
  endpoints: readonly WebhookEndpoint[];
  /** The topics its counts are shown under, whether or not anything arrived yet. */
  topics: readonly string[];
  /** Its URLs on this server (`base`: APP_URL without a trailing slash) and the settings it lacks. */
  setup(e: Env, base: string): Omit<ProviderSetup, "provider">;
};

/** The names of the variables that are unset, in the order given. */
export function missingVariables(variables: Record<string, string | undefined | null>): string[] {
  return Object.entries(variables)
    .filter(([, value]) => !value)
    .map(([name]) => name);
}
