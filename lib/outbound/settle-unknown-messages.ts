import "server-only";
import { asShopChannel } from "@/lib/channels/channels";
import { db } from "@/lib/db";
import { findTransmitted } from "@/lib/delivery/transmit";
import { recordSent } from "@/lib/outbound/send-scheduled-message";
import { logWarning } from "@/lib/log";

const LOOKBACK_MS = 24 * 60 * 60_000;

/**
 * Messages whose send may or may not have happened: look them up at the provider. Found, they
 * are recorded as sent; not found, they go back to the queue; a failed lookup waits for the
 * next run. Returns how many were settled.
 */
export async function settleUnknownMessages(
  now: Date,
  channels: ("email" | "sms")[],
): Promise<{ sent: number; requeued: number }> {
  const unknown = await db.scheduledMessage.findMany({
    where: { status: "unknown", channel: { in: channels } },
    include: { sentMessage: true, customer: true },
    take: 100,
  });
  const result = { sent: 0, requeued: 0 };
  for (const scheduled of unknown) {
    let providerMessageId: string | null;
    try {
      providerMessageId = scheduled.sentMessage
        ? await findTransmitted(
            {
              channel: asShopChannel(scheduled.channel),
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
