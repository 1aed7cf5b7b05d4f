import "server-only";
import { triageInboundMessage } from "@/lib/routing/triage-inbound-message";
import { runAfterResponse } from "@/lib/http/run-after-response";
import { receivePostmarkEvent } from "@/lib/postmark/receive-postmark-event";
import { receivePostmarkInbound } from "@/lib/postmark/receive-postmark-inbound";
import { parseJsonBody, verifyPostmarkBasicAuth } from "@/lib/postmark/verify-basic-auth";
import type { WebhookEndpoint } from "@/lib/webhooks/receive-webhook";
import { missingVariables, type ProviderConnection } from "@/lib/webhooks/provider-connection";

/** Inbound mail. Postmark accepts mail up to 35 MB; base64 attachments grow by a third in JSON. */
export const postmarkInboundWebhook: WebhookEndpoint = {
  key: "postmark.inbound",
  provider: "postmark",
  maxBytes: 50 * 1024 * 1024,
  topic: () => "inbound",
  replayHeaders: ["content-type"],
  authenticate: { by: "auth", check: verifyPostmarkBasicAuth },
  async apply({ body, headers }) {
    const { messageId, ...result } = await receivePostmarkInbound(parseJsonBody(body, headers));
    // Classified and routed after the answer: a slow classifier never makes Postmark retry.
    if (messageId) runAfterResponse("classify email", () => triageInboundMessage(messageId));
    return { outcome: result.status === "duplicate" ? "duplicate" : "applied", response: Response.json(result) };
  },
};

/** Outbound events: bounces, spam complaints, subscription changes, deliveries. */
export const postmarkEventsWebhook: WebhookEndpoint = {
  key: "postmark.events",
  provider: "postmark",
  maxBytes: 1024 * 1024,
  topic: () => "events",
  replayHeaders: ["content-type"],
  authenticate: { by: "auth", check: verifyPostmarkBasicAuth },
  async apply({ body, headers }) {
    const result = await receivePostmarkEvent(parseJsonBody(body, headers));
    return { outcome: result.status === "processed" ? "applied" : result.status, response: Response.json(result) };
  },
};

/** Email through Postmark: inbound mail and delivery events, behind the same basic auth. */
export const postmarkConnection: ProviderConnection = {
  provider: "postmark",
  endpoints: [postmarkInboundWebhook, postmarkEventsWebhook],
  topics: ["inbound", "events"],
  setup(e, base) {
    // The user name goes in the URL Postmark calls; the password is a placeholder the admin replaces.
    const withAuth = (path: string) => {
      if (!e.POSTMARK_WEBHOOK_USER) return `${base}${path}`;
      const url = new URL(`${base}${path}`);
      url.username = e.POSTMARK_WEBHOOK_USER;
      url.password = "PASSWORD";
      return url.toString();
    };
    return {
      missing: missingVariables({
        POSTMARK_WEBHOOK_USER: e.POSTMARK_WEBHOOK_USER,
        POSTMARK_WEBHOOK_PASSWORD: e.POSTMARK_WEBHOOK_PASSWORD,
      }),
      urls: [
        { key: postmarkInboundWebhook.key, url: withAuth("/api/webhooks/postmark/inbound"), topics: ["inbound"] },
        {
          key: postmarkEventsWebhook.key,
          url: withAuth("/api/webhooks/postmark/events"),
          topics: ["Bounce", "SpamComplaint", "SubscriptionChange", "Delivery"],
        },
      ],
      ...(e.POSTMARK_WEBHOOK_USER ? { basicAuthUser: e.POSTMARK_WEBHOOK_USER } : {}),
    };
  },
};
