import "server-only";
import type { DbClient } from "@/lib/db";
import type { SmsConsentGrant } from "@/lib/shop-events/shop-event";

/**
 * Records an explicit SMS consent. A STOP received after the consent wins: an older checkbox
 * never re-subscribes someone who opted out. Returns whether anything changed.
 */
export async function recordSmsConsent(customerId: string, grant: SmsConsentGrant, tx: DbClient): Promise<boolean> {
  const customer = await tx.customer.findUniqueOrThrow({ where: { id: customerId } });
  if (customer.smsOptedOutAt && customer.smsOptedOutAt >= grant.occurredAt) return false;
  if (customer.smsConsentAt && !customer.smsOptedOutAt && customer.phone === grant.phone) return false;
  await tx.customer.update({
    where: { id: customerId },
    data: { smsConsentAt: grant.occurredAt, smsConsentSource: grant.source, smsConsentWording: grant.wording, smsOptedOutAt: null, ...(customer.phone ? {} : { phone: grant.phone }) },
  });
  await tx.consentEvent.create({ data: { customerId, channel: "sms", change: "granted", source: grant.source, wording: grant.wording, occurredAt: grant.occurredAt } });
  return true;
}
