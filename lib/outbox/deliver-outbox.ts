import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { receivePostmarkEvent } from "@/lib/postmark/receive-postmark-event";
import { postmarkDeliveryBody, twilioStatusParams } from "@/lib/outbox/provider-payloads";
import { receiveStatusCallback } from "@/lib/twilio/receive-status-callback";

const DEMO_ACCOUNT_SID = `AC${"0".repeat(32)}`;

/**
 * A demo's deliveries: each outbox message is reported delivered, through the same handlers as
 * Postmark's Delivery webhook and Twilio's status callback. Only once the app has recorded the
 * send (a Message carries the provider's id), so no report arrives before the message it is
 * about. Run by the dispatcher. Returns how many were delivered.
 */
export async function deliverOutboxMessages(now = new Date()): Promise<number> {
  const waiting = await db.outboxMessage.findMany({
    where: { deliveredAt: null, createdAt: { lte: now } },
    orderBy: { createdAt: "asc" },
    take: 200,
  });
  if (waiting.length === 0) return 0;
  const recorded = new Set(
    (
      await db.message.findMany({
        where: { providerMessageId: { in: waiting.map((m) => m.providerMessageId) } },
        select: { providerMessageId: true },
      })
    ).map((m) => m.providerMessageId),
  );
  const freshLimit = now.getTime() - 60_000;
  let delivered = 0;
  for (const outbox of waiting) {
    const isRecorded = recorded.has(outbox.providerMessageId);
    // Not in a thread: a notice to the founder, Twilio's own answer to a keyword. A message the
    // app is still recording gets a minute before it is delivered anyway.
    if (!isRecorded && outbox.createdAt.getTime() > freshLimit && !isNotice(outbox.metadata)) continue;
    if (isRecorded) {
      if (outbox.channel === "email")
        await receivePostmarkEvent(postmarkDeliveryBody(outbox.providerMessageId, outbox.toAddress, now));
      else
        await receiveStatusCallback(
          twilioStatusParams(outbox.providerMessageId, outbox.toAddress, "delivered", {
            twilioAccountSid: env().TWILIO_ACCOUNT_SID ?? DEMO_ACCOUNT_SID,
            twilioFromNumber: outbox.fromAddress,
          }),
          now,
        );
    }
    await db.outboxMessage.update({ where: { id: outbox.id }, data: { deliveredAt: now } });
    delivered++;
  }
  return delivered;
}

/** Outbox messages that never belong to a thread. */
function isNotice(metadata: unknown): boolean {
  const purpose = (metadata as { purpose?: unknown } | null)?.purpose;
  return typeof purpose === "string";
}
