import "server-only";
import { db } from "@/lib/db";

/**
 * Stops all email to the customer at once: records the unsubscribe and cancels every email
 * still waiting to go out. A second call changes nothing. Returns false for an unknown customer.
 */
export async function unsubscribeFromEmail(customerId: string, source: string, now = new Date()): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: customerId } });
    if (!customer) return false;
    if (!customer.emailUnsubscribedAt) {
      await tx.customer.update({ where: { id: customerId }, data: { emailUnsubscribedAt: now } });
      await tx.consentEvent.create({ data: { customerId, channel: "email", change: "revoked", source, wording: null, occurredAt: now } });
    }
    await tx.scheduledMessage.updateMany({
      where: { customerId, channel: "email", status: { in: ["scheduled", "paused"] } },
      data: { status: "cancelled", statusReason: "cancelled: unsubscribed from email" },
    });
    return true;
  });
}
