import "server-only";
import { db, type DbClient } from "@/lib/db";
import type { MetaChannel } from "@/lib/channels/channels";
import { replyWindow, type ReplyWindow } from "@/lib/channels/reply-window";
import { metaHumanAgentAllowed } from "@/lib/meta/meta-channel-settings";

/**
 * The reply window on each Meta channel the customer wrote to us on (any of their conversations:
 * Meta counts from the person's last message to the page, whatever thread we filed it in).
 */
export async function replyWindowsOf(
  customerId: string,
  humanAgentAllowed: boolean,
  now: Date,
  tx: DbClient,
): Promise<Partial<Record<MetaChannel, ReplyWindow>>> {
  const rows = await tx.$queryRaw<{ channel: MetaChannel; last: Date }[]>`
    SELECT m.channel::text AS channel, max(m."createdAt") AS last
    FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
    WHERE c."customerId" = ${customerId} AND m.direction = 'inbound' AND m.channel IN ('messenger', 'instagram')
    GROUP BY m.channel`;
  return Object.fromEntries(rows.map((row) => [row.channel, replyWindow(row.last, now, humanAgentAllowed)]));
}

/** The same, with the shop's Human Agent setting: what the conversation page shows the composer. */
export async function customerReplyWindows(customerId: string, now = new Date()) {
  return replyWindowsOf(customerId, await metaHumanAgentAllowed(), now, db);
}
