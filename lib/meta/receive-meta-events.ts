import "server-only";
import { db } from "@/lib/db";
import { fetchMetaProfile } from "@/lib/delivery/providers/meta-messenger";
import { ingestInboundMessage } from "@/lib/inbound/ingest-inbound-message";
import { chatMessage, type InboundAttachment, type InboundMessage } from "@/lib/inbound/inbound-message";
import type { MetaEvent } from "@/lib/meta/meta-webhook";

type MessageEvent = Extract<MetaEvent, { kind: "message" }>;

/** Meta names a file by its kind only: what the thread shows and the download is called. */
const CONTENT_TYPES: Record<string, string> = {
  image: "image/jpeg",
  video: "video/mp4",
  audio: "audio/mpeg",
  file: "application/octet-stream",
};

function inboundOf(event: MessageEvent): InboundMessage {
  // Files only: a shared post, a story or a link is not a file to keep (its URL is not Meta's CDN).
  const attachments: InboundAttachment[] = event.attachments
    .filter((a) => a.url && a.type in CONTENT_TYPES)
    .map((a, index) => ({
      filename: `${a.type}-${index + 1}${a.type === "image" ? ".jpg" : ""}`,
      contentType: CONTENT_TYPES[a.type] ?? "application/octet-stream",
      size: 0,
      content: null,
      droppedReason: null,
      sourceUrl: a.url,
    }));
  return chatMessage({
    channel: event.platform,
    identity: { accountId: event.accountId, externalId: event.senderId },
    providerMessageId: event.mid,
    to: event.accountId,
    textBody: event.text,
    // Meta's window counts from when the person wrote, not from when the webhook reached us.
    receivedAt: event.sentAt,
    attachments,
  });
}

/**
 * Applies one delivery's events in order: each message stored once per mid (a redelivery or a
 * second copy in another batch changes nothing), receipts marking our messages delivered or seen.
 * Returns the ids of the messages stored now, to be classified and routed.
 */
export async function receiveMetaEvents(
  events: MetaEvent[],
  now = new Date(),
): Promise<{ stored: string[]; newPeople: string[] }> {
  const stored: string[] = [];
  const newPeople: string[] = [];
  for (const event of events) {
    if (event.kind === "message") {
      const known = await db.channelIdentity.count({
        where: { channel: event.platform, accountId: event.accountId, externalId: event.senderId },
      });
      const outcome = await ingestInboundMessage(
        { provider: "meta", externalId: event.mid, topic: "messages" },
        inboundOf(event),
      );
      if (outcome.duplicate) continue;
      stored.push(outcome.messageId);
      if (!known) newPeople.push(outcome.customerId);
    } else if (event.kind === "delivery") {
      await db.message.updateMany({
        where: {
          direction: "outbound",
          channel: event.platform,
          toAddress: event.senderId,
          deliveryStatus: "sent",
          OR: [{ providerMessageId: { in: event.mids } }, { sentAt: { lte: event.upTo } }],
        },
        data: { deliveryStatus: "delivered", deliveredAt: now },
      });
    } else {
      // Seen up to the watermark: everything we sent before it was delivered too.
      await db.message.updateMany({
        where: {
          direction: "outbound",
          channel: event.platform,
          toAddress: event.senderId,
          readAt: null,
          sentAt: { lte: event.upTo },
          deliveryStatus: { in: ["sent", "delivered"] },
        },
        data: { readAt: event.upTo, deliveryStatus: "delivered" },
      });
    }
  }
  return { stored, newPeople };
}

/** Names a person we just met when Meta gives the name; never needed, never overwrites a name. */
export async function nameNewPerson(customerId: string): Promise<void> {
  const identity = await db.channelIdentity.findFirst({ where: { customerId }, orderBy: { createdAt: "asc" } });
  if (!identity) return;
  const profile = await fetchMetaProfile(
    identity.externalId,
    identity.channel === "instagram" ? "instagram" : "messenger",
  );
  if (!profile) return;
  const profileName = [profile.firstName, profile.lastName].filter(Boolean).join(" ");
  await db.channelIdentity.update({ where: { id: identity.id }, data: { profileName } });
  await db.customer.updateMany({
    where: { id: customerId, firstName: null, lastName: null },
    data: { firstName: profile.firstName, lastName: profile.lastName },
  });
}
