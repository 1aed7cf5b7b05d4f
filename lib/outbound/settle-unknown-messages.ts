import "server-only";
import { asShopChannel, META_CHANNELS, type ShopChannel } from "@/lib/channels/channels";
import { db } from "@/lib/db";
import { findTransmitted } from "@/lib/delivery/transmit";
import { recordSent } from "@/lib/outbound/send-scheduled-message";
import { logWarning } from "@/lib/log";

const LOOKBACK_MS = 24 * 60 * 60_000;

/** Meta's Send API cannot be searched: an automatic answer it never confirmed is not sent again. */
export const CHAT_UNCONFIRMED = "Meta did not confirm this answer; it is not sent again (look in the page's inbox).";

/**
 * Messages whose send may or may not have happened: look them up at the provider. Found, they
 * are recorded as sent; not found, they go back to the queue; a failed lookup waits for the
 * next run. Returns how many were settled.
 */
export async function settleUnknownMessages(
  now: Date,
  channels: ShopChannel[],
): Promise<{ sent: number; requeued: number }> {
  const unknown = await db.scheduledMessage.findMany({
    where: { status: "unknown", channel: { in: channels } },
    include: { sentMessage: true, customer: true },
    take: 100,
  });
  const result = { sent: 0, requeued: 0 };
  for (const scheduled of unknown) {
    const channel = asShopChannel(scheduled.channel);
    let providerMessageId: string | null;
    try {
      providerMessageId = scheduled.sentMessage
        ? await findTransmitted(
            {
              channel,
              to: scheduled.sentMessage.toAddress ?? scheduled.customer.phone ?? "",
              text: scheduled.sentMessage.textBody,
              tracking: { key: "scheduledMessageId", id: scheduled.id },
            },
            new Date(now.getTime() - LOOKBACK_MS),
          )
        : null; // stopped before anything was composed
    } catch (error) {
      logWarning("dispatch", `could not settle ${scheduled.id} yet`, error);
      continue;
    }
    await db.$transaction(async (tx) => {
      const { count } = await tx.scheduledMessage.updateMany({
        where: { id: scheduled.id, status: "unknown" },
        data: { status: "sending" },
      });
      if (count === 0) return;
      if (providerMessageId && scheduled.sentMessageId) {
        await recordSent(scheduled.id, scheduled.sentMessageId, providerMessageId, now, tx);
        result.sent++;
      } else {
        await tx.scheduledMessage.update({
          where: { id: scheduled.id },
          data: { status: "scheduled", dueAt: now, statusReason: "requeued: the provider never received it" },
        });
        result.requeued++;
      }
    });
  }
  return result;
}

/**
 * Automatic answers on Messenger and Instagram whose send may or may not have happened: Meta's
 * Send API cannot be searched, so they fail (a second thank-you is worse than none), with what to
 * check; one stopped before anything was composed never reached Meta and goes back to the queue.
 * Returns how many failed.
 */
export async function failUnconfirmedChatMessages(now: Date): Promise<number> {
  const unknown = await db.scheduledMessage.findMany({
    where: { status: "unknown", channel: { in: [...META_CHANNELS] } },
    select: { id: true, sentMessageId: true },
    take: 100,
  });
  let failed = 0;
  for (const { id, sentMessageId } of unknown)
    await db.$transaction(async (tx) => {
      const { count } = await tx.scheduledMessage.updateMany({
        where: { id, status: "unknown" },
        data: sentMessageId
          ? { status: "failed", lastError: CHAT_UNCONFIRMED, leaseExpiresAt: null, updatedAt: now }
          : {
              status: "scheduled",
              dueAt: now,
              statusReason: "requeued: the provider never received it",
              updatedAt: now,
            },
      });
      if (count === 0 || !sentMessageId) return;
      failed++;
      await tx.message.updateMany({
        where: { id: sentMessageId, deliveryStatus: { in: ["queued", "sending"] } },
        data: { deliveryStatus: "failed", deliveryError: CHAT_UNCONFIRMED },
      });
    });
  return failed;
}
