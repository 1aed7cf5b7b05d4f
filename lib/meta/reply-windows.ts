import "server-only";
import { db, type DbClient } from "@/lib/db";
import { META_CHANNELS, type MetaChannel } from "@/lib/channels/channels";
import { lastCustomerMessagesOn } from "@/lib/customers/last-customer-messages";
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
  const last = await lastCustomerMessagesOn(
    META_CHANNELS.map((channel) => ({ key: channel, customerId, channel })),
    tx,
  );
  return Object.fromEntries([...last].map(([channel, at]) => [channel, replyWindow(at, now, humanAgentAllowed)]));
}

/** The same, with the shop's Human Agent setting: what the conversation page shows the composer. */
export async function customerReplyWindows(customerId: string, now = new Date()) {
  return replyWindowsOf(customerId, await metaHumanAgentAllowed(), now, db);
}
