import "server-only";
import { triageInboundMessage } from "@/lib/routing/triage-inbound-message";
import { runAfterResponse } from "@/lib/http/run-after-response";
import { receiveInboundSms } from "@/lib/twilio/receive-inbound-sms";
import { receiveStatusCallback } from "@/lib/twilio/receive-status-callback";
import { MAX_TWILIO_BODY_BYTES, twilioParams, verifyTwilioSignature } from "@/lib/twilio/verify-twilio-request";
import type { WebhookEndpoint } from "@/lib/webhooks/receive-webhook";
import type { ProviderConnection } from "@/lib/webhooks/provider-connection";

/** "A message comes in": stored, keywords applied, answered with TwiML. */
export const twilioSmsWebhook: WebhookEndpoint = {
  key: "twilio.sms",
  provider: "twilio",
  maxBytes: MAX_TWILIO_BODY_BYTES,
  topic: () => "sms",
  replayHeaders: [],
  authenticate: { by: "signature", check: verifyTwilioSignature },
  async apply({ body }) {
    const { twiml, messageId } = await receiveInboundSms(twilioParams(body));
    // Classified and routed after the answer: Twilio gets its TwiML at once.
    if (messageId) runAfterResponse("classify sms", () => triageInboundMessage(messageId));
    return {
      outcome: messageId ? "applied" : "duplicate",
      response: new Response(twiml, { headers: { "content-type": "text/xml; charset=utf-8" } }),
    };
  },
};

/** Status callbacks of the SMS we send (set on each message). */
export const twilioStatusWebhook: WebhookEndpoint = {
  key: "twilio.status",
  provider: "twilio",
  maxBytes: MAX_TWILIO_BODY_BYTES,
  topic: () => "status",
  replayHeaders: [],
  authenticate: { by: "signature", check: verifyTwilioSignature },
  async apply({ body }) {
    const status = await receiveStatusCallback(twilioParams(body));
    return { outcome: status === "updated" ? "applied" : "ignored", response: Response.json({ status }) };
  },
};

/** SMS through Twilio: inbound texts and status callbacks, signed with the auth token. */
export const twilioConnection: ProviderConnection = {
  provider: "twilio",
  endpoints: [twilioSmsWebhook, twilioStatusWebhook],
  topics: ["sms", "status"],
  setup: (e, base) => ({
    missing: e.TWILIO_AUTH_TOKEN ? [] : ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM_NUMBER"],
    urls: [
      { key: twilioSmsWebhook.key, url: `${base}/api/webhooks/twilio/sms`, topics: ["sms"] },
      { key: twilioStatusWebhook.key, url: `${base}/api/webhooks/twilio/status`, topics: ["status"] },
    ],
  }),
};
