import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { runAfterResponse } from "@/lib/http/run-after-response";
import {
  hasValidMetaSignature,
  metaWebhookSchema,
  readMetaWebhook,
  subscriptionChallenge,
} from "@/lib/meta/meta-webhook";
import { nameNewPerson, receiveMetaEvents } from "@/lib/meta/receive-meta-events";
import { triageInboundMessage } from "@/lib/routing/triage-inbound-message";
import type { WebhookDelivery, WebhookEndpoint } from "@/lib/webhooks/receive-webhook";
import { missingVariables, type ProviderConnection } from "@/lib/webhooks/provider-connection";

/** Meta batches up to a thousand events; a megabyte leaves room and stops anything else. */
export const MAX_META_BODY_BYTES = 1024 * 1024;

/** X-Hub-Signature-256 under the app secret, on the raw body; 403 when it does not match. */
export function verifyMetaSignature({ body, headers }: WebhookDelivery): void {
  const secret = env().META_APP_SECRET;
  if (!secret) throw new AppError("forbidden", "Messenger is not configured: set META_APP_SECRET.");
  if (!hasValidMetaSignature(body, headers.get("x-hub-signature-256"), secret))
    throw new AppError("forbidden", "Invalid or missing X-Hub-Signature-256.");
}

/** The GET Meta's dashboard sends once to check the URL: the challenge back as plain text, else 403. */
export function answerSubscription(url: URL): Response {
  const challenge = subscriptionChallenge(url.searchParams, env().META_VERIFY_TOKEN);
  if (challenge === null)
    return Response.json({ error: "The verify token does not match META_VERIFY_TOKEN." }, { status: 403 });
  return new Response(challenge, { headers: { "content-type": "text/plain; charset=utf-8" } });
}

/** Messenger and Instagram Direct: messages, delivery and read receipts, batched. */
export const metaWebhook: WebhookEndpoint = {
  key: "meta.messages",
  provider: "meta",
  maxBytes: MAX_META_BODY_BYTES,
  topic: () => "messages",
  replayHeaders: [],
  authenticate: { by: "signature", check: verifyMetaSignature },
  async apply({ body }) {
    let json: unknown;
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch {
      throw new AppError("bad_request", "The body is not JSON.");
    }
    const payload = metaWebhookSchema.safeParse(json);
    if (!payload.success)
      throw new AppError("bad_request", "Expected Meta's webhook shape: an object (page or instagram) and entries.");
    const events = readMetaWebhook(payload.data);
    const { stored, newPeople } = await receiveMetaEvents(events);
    // Classified, routed and named after the answer: Meta wants its 200 at once.
    for (const id of stored) runAfterResponse("classify meta message", () => triageInboundMessage(id));
    for (const customerId of newPeople) runAfterResponse("meta profile", () => nameNewPerson(customerId));
    const messages = events.filter((event) => event.kind === "message").length;
    return {
      outcome: stored.length ? "applied" : messages ? "duplicate" : "ignored",
      response: new Response("EVENT_RECEIVED", { headers: { "content-type": "text/plain; charset=utf-8" } }),
    };
  },
};

/** Messenger and Instagram: the callback URL and verify token go in the Meta app's dashboard. */
export const metaConnection: ProviderConnection = {
  provider: "meta",
  endpoints: [metaWebhook],
  topics: ["messages"],
  setup: (e, base) => ({
    missing: missingVariables({
      META_APP_SECRET: e.META_APP_SECRET,
      META_VERIFY_TOKEN: e.META_VERIFY_TOKEN,
      META_PAGE_ACCESS_TOKEN: e.META_PAGE_ACCESS_TOKEN,
    }),
    urls: [{ key: metaWebhook.key, url: `${base}/api/webhooks/meta`, topics: ["messages"] }],
  }),
};
