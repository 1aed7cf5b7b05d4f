import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

// Meta's Messenger Platform webhook (Messenger and Instagram Direct): the GET verification
// handshake, the X-Hub-Signature-256 check, and the batched payload read into plain events.
// Echoes (what the page itself sent, from any tool, ours included) are left out. Pure.

/** The challenge to answer when Meta's dashboard verifies the URL with our token; null: refuse (403). */
export function subscriptionChallenge(query: URLSearchParams, verifyToken: string | undefined): string | null {
  const token = query.get("hub.verify_token") ?? "";
  if (!verifyToken || query.get("hub.mode") !== "subscribe") return null;
  const given = Buffer.from(token);
  const expected = Buffer.from(verifyToken);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return query.get("hub.challenge");
}

/** Whether `header` ("sha256=<hex>") is the HMAC-SHA256 of the raw body under the app secret. */
export function hasValidMetaSignature(rawBody: string | Buffer, header: string | null, appSecret: string): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? "");
  if (!match) return false;
  const expected = createHmac("sha256", appSecret).update(rawBody).digest();
  const given = Buffer.from(match[1]!, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const id = z.union([z.string(), z.number()]).transform(String);

const messagingEvent = z.object({
  sender: z.object({ id }),
  recipient: z.object({ id }),
  // Absent from some receipts (Meta's own message_deliveries example).
  timestamp: z.number().optional(),
  message: z
    .object({
      mid: z.string().min(1),
      text: z.string().optional(),
      is_echo: z.boolean().optional(),
      is_deleted: z.boolean().optional(),
      is_unsupported: z.boolean().optional(),
      attachments: z
        .array(
          z.object({
            type: z.string(),
            payload: z.object({ url: z.string().url().optional() }).partial().nullable().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  delivery: z.object({ mids: z.array(z.string()).optional(), watermark: z.number().optional() }).optional(),
  // Instagram's "seen" names the message (mid) rather than a watermark.
  read: z.object({ watermark: z.number().optional(), mid: z.string().optional() }).optional(),
});

// Each event is read on its own: one of a shape we do not know is dropped, never the batch (Meta
// would retry the whole delivery, then disable the webhook).
export const metaWebhookSchema = z.object({
  object: z.enum(["page", "instagram"]),
  entry: z.array(z.object({ id, time: z.number(), messaging: z.array(z.unknown()).default([]) })),
});

export type MetaPlatform = "messenger" | "instagram";

export type MetaEvent =
  | {
      kind: "message";
      platform: MetaPlatform;
      /** The page (or Instagram account) it was sent to. */
      accountId: string;
      /** The person: a page-scoped (or Instagram-scoped) id, not a name. */
      senderId: string;
      mid: string;
      text: string;
      attachments: { type: string; url: string | null }[];
      sentAt: Date;
    }
  | { kind: "delivery"; platform: MetaPlatform; senderId: string; mids: string[]; upTo: Date }
  | { kind: "read"; platform: MetaPlatform; senderId: string; upTo: Date };

/** Every event of a delivery, in order; echoes and events we do not use (reactions, postbacks) are dropped. */
export function readMetaWebhook(payload: z.infer<typeof metaWebhookSchema>): MetaEvent[] {
  const platform: MetaPlatform = payload.object === "instagram" ? "instagram" : "messenger";
  return payload.entry.flatMap((entry) =>
    entry.messaging.flatMap((raw): MetaEvent[] => {
      const parsed = messagingEvent.safeParse(raw);
      if (!parsed.success) return [];
      const event = parsed.data;
      const at = new Date(event.timestamp ?? entry.time);
      if (event.message) {
        // The page's own messages, a message the person deleted, or one Meta cannot show.
        if (event.message.is_echo || event.message.is_deleted || event.message.is_unsupported) return [];
        return [
          {
            kind: "message",
            platform,
            accountId: entry.id,
            senderId: event.sender.id,
            mid: event.message.mid,
            text: event.message.text ?? "",
            attachments: (event.message.attachments ?? []).map((a) => ({ type: a.type, url: a.payload?.url ?? null })),
            sentAt: at,
          },
        ];
      }
      if (event.delivery)
        return [
          {
            kind: "delivery",
            platform,
            senderId: event.sender.id,
            mids: event.delivery.mids ?? [],
            upTo: new Date(event.delivery.watermark ?? at.getTime()),
          },
        ];
      if (event.read)
        return [
          { kind: "read", platform, senderId: event.sender.id, upTo: new Date(event.read.watermark ?? at.getTime()) },
        ];
      return [];
    }),
  );
}
