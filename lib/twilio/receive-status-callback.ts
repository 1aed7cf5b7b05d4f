import "server-only";
import { db } from "@/lib/db";
import { markNumberUnreachable, optOutNumber } from "@/lib/consent/sms-consent";
import type { DeliveryStatus } from "@/lib/generated/prisma/enums";

// Twilio's statuses, in the order they can only move forward. Callbacks arrive out of order.
const RANK: Record<string, { status: DeliveryStatus; rank: number }> = {
  accepted: { status: "queued", rank: 1 },
  queued: { status: "queued", rank: 1 },
  sending: { status: "sending", rank: 2 },
  sent: { status: "sent", rank: 3 },
  delivered: { status: "delivered", rank: 4 },
  undelivered: { status: "failed", rank: 4 },
  failed: { status: "failed", rank: 4 },
};
const CURRENT_RANK: Record<DeliveryStatus, number> = {
  received: 0,
  queued: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  failed: 4,
};

const UNREACHABLE_CODES = new Set(["30003", "30005", "30006"]);
const OPTED_OUT_CODE = "21610";

export type StatusOutcome = "updated" | "ignored" | "unknown-message";

/** Moves an SMS's delivery status forward only, and records what its error code says about the number. */
export async function receiveStatusCallback(params: Record<string, string>, now = new Date()): Promise<StatusOutcome> {
  const next = RANK[params.MessageStatus ?? ""];
  if (!params.MessageSid || !next) return "ignored";
  return db.$transaction(async (tx) => {
    const message = await tx.message.findUnique({ where: { providerMessageId: params.MessageSid } });
    if (!message) return "unknown-message";
    const errorCode = params.ErrorCode || null;
    // What the error says is about the number the SMS went to.
    const number = message.toAddress;
    if (number && errorCode === OPTED_OUT_CODE) await optOutNumber(number, "keyword", "twilio_21610", null, now, tx);
    if (number && errorCode && UNREACHABLE_CODES.has(errorCode)) await markNumberUnreachable(number, now, tx);
    if (CURRENT_RANK[message.deliveryStatus] >= next.rank) return "ignored";
    await tx.message.update({
      where: { id: message.id },
      data: {
        deliveryStatus: next.status,
        ...(next.status === "delivered" ? { deliveredAt: now } : {}),
        ...(next.status === "failed"
          ? { deliveryError: params.ErrorMessage || `Twilio ${params.MessageStatus}`, deliveryErrorCode: errorCode }
          : {}),
      },
    });
    return "updated";
  });
}
