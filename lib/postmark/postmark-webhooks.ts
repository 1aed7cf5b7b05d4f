import "server-only";
import { triageInboundMessage } from "@/lib/routing/triage-inbound-message";
import { runAfterResponse } from "@/lib/http/run-after-response";
import { receivePostmarkEvent } from "@/lib/postmark/receive-postmark-event";
import { receivePostmarkInbound } from "@/lib/postmark/receive-postmark-inbound";
import { parseJsonBody, verifyPostmarkBasicAuth } from "@/lib/postmark/verify-basic-auth";
import type { WebhookEndpoint } from "@/lib/webhooks/receive-webhook";

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
