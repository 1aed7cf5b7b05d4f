import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { ingestInboundMessage } from "@/lib/inbound/ingest-inbound-message";
import { mapPostmarkInbound } from "@/lib/postmark/map-postmark-inbound";
import { processWebhookOnce } from "@/lib/webhooks/process-webhook-once";

/** One inbound mail, stored in the sender's thread at most once per Postmark MessageID. */
export async function receivePostmarkInbound(body: unknown, now = new Date()): Promise<{ status: "processed" | "duplicate"; conversationId?: string; messageId?: string }> {
  const mapped = mapPostmarkInbound(body, now, env().INBOUND_AUTHSERV_IDS);
  if (!mapped.ok) throw new AppError("bad_request", `Invalid inbound payload: ${mapped.error}`);
  const { emailMessageId } = mapped.message;
  const outcome = await processWebhookOnce({ provider: "postmark", externalId: `inbound:${mapped.message.providerMessageId}`, topic: "inbound" }, (tx) => ingestInboundMessage(mapped.message, tx), {
    // Postmark hands one mail over once per inbound address it was sent to (To and Cc), each
    // under its own MessageID; the Message-ID header says it is the same mail.
    alreadyStored: async (tx) => Boolean(emailMessageId && (await tx.message.findUnique({ where: { emailMessageId }, select: { id: true } }))),
  });
  return outcome.duplicate ? { status: "duplicate" } : { status: "processed", conversationId: outcome.result.conversationId, messageId: outcome.result.messageId };
}
