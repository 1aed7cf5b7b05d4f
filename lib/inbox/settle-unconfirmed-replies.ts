import "server-only";
import { db } from "@/lib/db";
import { isShopChannel, type Channel } from "@/lib/channels/channels";
import { findStaffReplyAtProvider, META_UNCONFIRMED, NO_ANSWER } from "@/lib/inbox/send-staff-reply";
import { logWarning } from "@/lib/log";

// A staff reply whose provider call got no answer waits for the agent's retry, which looks it up
// first. If nobody retries, the dispatcher settles it the same way, so the thread never shows
// "sending" for ever: found at the provider, it went; not found, it failed and can be sent again.

/** How long the agent has to retry before the dispatcher settles the reply itself. */
const AGENT_RETRY_WINDOW_MS = 10 * 60_000;
const SETTLING = "settling";
/** Older ones are left to the agent's Retry (which looks them up too). */
const LOOKBACK_MS = 24 * 60 * 60_000;

export async function settleUnconfirmedReplies(
  now: Date,
  channels: Channel[],
): Promise<{ sent: number; failed: number }> {
  const unconfirmed = await db.message.findMany({
    where: {
      authorType: "staff",
      deliveryStatus: "sending",
      deliveryErrorCode: NO_ANSWER,
      channel: { in: channels },
      // Within the last day: one range of the createdAt index, not a pass over every message.
      createdAt: { lt: new Date(now.getTime() - AGENT_RETRY_WINDOW_MS), gte: new Date(now.getTime() - LOOKBACK_MS) },
    },
    take: 100,
  });
  const result = { sent: 0, failed: 0 };
  for (const message of unconfirmed) {
    // Claimed first: an agent's retry meanwhile sees it in progress instead of sending it again.
    const { count } = await db.message.updateMany({
      where: { id: message.id, deliveryStatus: "sending", deliveryErrorCode: NO_ANSWER },
      data: { deliveryErrorCode: SETTLING },
    });
    if (count === 0) continue;
    // Meta's Send API cannot be searched: the agent looks in the page's inbox, then sends again or not.
    if (!isShopChannel(message.channel)) {
      await db.message.update({
        where: { id: message.id },
        data: { deliveryStatus: "failed", deliveryError: META_UNCONFIRMED, deliveryErrorCode: null },
      });
      result.failed++;
      continue;
    }
    let providerMessageId: string | null;
    try {
      providerMessageId = await findStaffReplyAtProvider(message);
    } catch (error) {
      logWarning("dispatch", `could not settle reply ${message.id} yet`, error);
      await db.message.update({ where: { id: message.id }, data: { deliveryErrorCode: NO_ANSWER } });
      continue;
    }
    if (providerMessageId) {
      // Only the message: what the conversation looks like now is for what happened since.
      await db.message.update({
        where: { id: message.id },
        data: { deliveryStatus: "sent", providerMessageId, sentAt: now, deliveryError: null, deliveryErrorCode: null },
      });
      result.sent++;
    } else {
      await db.message.update({
        where: { id: message.id },
        data: {
          deliveryStatus: "failed",
          deliveryError: "The provider never received this reply; nothing went out.",
          deliveryErrorCode: null,
        },
      });
      result.failed++;
    }
  }
  return result;
}
