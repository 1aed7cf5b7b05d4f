import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { ingestInboundMessage } from "@/lib/inbound/ingest-inbound-message";
import { mapPostmarkInbound } from "@/lib/postmark/map-postmark-inbound";

/**
 * One inbound mail, stored in the sender's thread at most once per Postmark MessageID. Postmark
 * hands one mail over once per inbound address it was sent to (To and Cc), each under its own
 * MessageID; the Message-ID header says it is the same mail, stored once.
 */
export async function receivePostmarkInbound(
  body: unknown,
  now = new Date(),
): Promise<{ status: "processed" | "duplicate"; conversationId?: string; messageId?: string }> {
  const mapped = mapPostmarkInbound(body, now, env().INBOUND_AUTHSERV_IDS);
  if (!mapped.ok) throw new AppError("bad_request", `Invalid inbound payload: ${mapped.error}`);
  const outcome = await ingestInboundMessage(
    { provider: "postmark", externalId: `inbound:${mapped.message.providerMessageId}`, topic: "inbound" },
    mapped.message,
  );
  return outcome.duplicate
    ? { status: "duplicate" }
    : { status: "processed", conversationId: outcome.conversationId, messageId: outcome.messageId };
}
