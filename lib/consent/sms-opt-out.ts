import "server-only";
import type { DbClient } from "@/lib/db";

/** STOP: no SMS from now on; every SMS still waiting to go out is cancelled. */
export async function optOutOfSms(customerId: string, source: string, wording: string | null, at: Date, tx: DbClient): Promise<void> {
  const customer = await tx.customer.findUniqueOrThrow({ where: { id: customerId } });
  if (!customer.smsOptedOutAt) {
    await tx.customer.update({ where: { id: customerId }, data: { smsOptedOutAt: at } });
    await tx.consentEvent.create({ data: { customerId, channel: "sms", change: "revoked", source, wording, occurredAt: at } });
  }
  await tx.scheduledMessage.updateMany({
    where: { customerId, channel: "sms", status: { in: ["scheduled", "paused"] } },
    data: { status: "cancelled", statusReason: "cancelled: opted out of SMS (STOP)" },
  });
}

/** START / UNSTOP / YES: the customer asks for SMS again, which is explicit consent. */
export async function optInToSms(customerId: string, source: string, wording: string, at: Date, tx: DbClient): Promise<void> {
  await tx.customer.update({ where: { id: customerId }, data: { smsOptedOutAt: null, smsConsentAt: at, smsConsentSource: source, smsConsentWording: wording } });
  await tx.consentEvent.create({ data: { customerId, channel: "sms", change: "granted", source, wording, occurredAt: at } });
}
