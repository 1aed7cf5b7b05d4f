import "server-only";
import type { ConsentSource } from "@/lib/consent/consent-source";
import type { DbClient } from "@/lib/db";
import { cancelPendingMessages } from "@/lib/delivery/cancel-pending-messages";
import type { PhoneNumber } from "@/lib/generated/prisma/client";
import { SHOP_SETTINGS_ID } from "@/lib/settings/get-shop-settings";

// SMS consent belongs to a phone number (PhoneNumber), never to a customer as a whole: a consent
// given for one number never lifts the opt-out of another, and STOP from a number stops every
// message to that number. Customer.phone is the number we text; the others stay on record.

/** A consent to SMS for one number, as a checkout or an API event gives it. */
export type SmsConsentGrant = { phone: string; occurredAt: Date; source: ConsentSource; wording: string | null };

/** How a number was opted out. Only a carrier-style keyword opt-out can be lifted by START/YES. */
export type OptOutKind = "keyword" | "reply" | "agent";

/** What the send rules read about the number a message would go to. */
export type SmsState = {
  smsConsentAt: Date | null;
  smsConsentSource: string | null;
  smsOptedOutAt: Date | null;
  smsUnreachableAt: Date | null;
};

const NO_STATE: SmsState = { smsConsentAt: null, smsConsentSource: null, smsOptedOutAt: null, smsUnreachableAt: null };

function stateOf(row: PhoneNumber | null): SmsState {
  return row
    ? {
        smsConsentAt: row.consentAt,
        smsConsentSource: row.consentSource,
        smsOptedOutAt: row.optedOutAt,
        smsUnreachableAt: row.unreachableAt,
      }
    : NO_STATE;
}

/** The consent state of one number (none recorded: no consent, no opt-out). */
export async function smsStateOf(number: string | null, tx: DbClient): Promise<SmsState> {
  return number ? stateOf(await tx.phoneNumber.findUnique({ where: { number } })) : NO_STATE;
}

/** A customer with the consent state of the number we would text them on. */
export async function withSmsState<C extends { phone: string | null }>(
  customer: C,
  tx: DbClient,
): Promise<C & SmsState> {
  return { ...customer, ...(await smsStateOf(customer.phone, tx)) };
}

/** withSmsState for many customers, in one query (a dispatch batch). */
export async function withSmsStates<C extends { phone: string | null }>(
  customers: C[],
  tx: DbClient,
): Promise<(C & SmsState)[]> {
  const numbers = [...new Set(customers.flatMap((customer) => (customer.phone ? [customer.phone] : [])))];
  const rows = numbers.length ? await tx.phoneNumber.findMany({ where: { number: { in: numbers } } }) : [];
  const byNumber = new Map(rows.map((row) => [row.number, row]));
  return customers.map((customer) => ({
    ...customer,
    ...stateOf(customer.phone ? (byNumber.get(customer.phone) ?? null) : null),
  }));
}

function textable(row: PhoneNumber | null): boolean {
  return Boolean(row?.consentAt && !row.optedOutAt && !row.unreachableAt);
}

async function upsertNumber(number: string, customerId: string | null, tx: DbClient): Promise<PhoneNumber> {
  return tx.phoneNumber.upsert({ where: { number }, create: { number, customerId }, update: {} });
}

/**
 * The words the shop shows next to its checkout's SMS checkbox (Settings), in the customer's
 * language: stored with the consent, so the shop can show what the customer agreed to.
 */
async function checkoutConsentWording(customerId: string, tx: DbClient): Promise<string | null> {
  const customer = await tx.customer.findUnique({ where: { id: customerId }, select: { locale: true } });
  const settings = await tx.shopSettings.findUnique({
    where: { id: SHOP_SETTINGS_ID },
    select: { smsConsentWordingEn: true, smsConsentWordingFr: true },
  });
  if (!settings) return null;
  return customer?.locale === "fr" ? settings.smsConsentWordingFr : settings.smsConsentWordingEn;
}

/**
 * Records an explicit SMS consent for the number given with it. A STOP from that number received
 * after the consent wins: an older checkbox never re-subscribes it. A keyword STOP is only ever
 * lifted by START/YES from the number itself (the carrier keeps blocking until then, and anyone
 * can type a number at a checkout): the consent is recorded and the opt-out stays. When the
 * customer's number cannot be texted the consented number becomes the one we text.
 * Returns whether anything changed.
 */
export async function recordSmsConsent(customerId: string, given: SmsConsentGrant, tx: DbClient): Promise<boolean> {
  const grant =
    given.source === "shopify_checkout" && !given.wording
      ? { ...given, wording: await checkoutConsentWording(customerId, tx) }
      : given;
  const row = await upsertNumber(grant.phone, customerId, tx);
  if (row.optedOutAt && row.optedOutAt >= grant.occurredAt) return false;
  if (row.consentAt && !row.optedOutAt) return false;
  const keepKeywordStop = row.optedOutBy === "keyword";
  if (keepKeywordStop && row.consentAt && row.optedOutAt && row.consentAt > row.optedOutAt) return false;
  await tx.phoneNumber.update({
    where: { number: grant.phone },
    data: {
      consentAt: grant.occurredAt,
      consentSource: grant.source,
      consentWording: grant.wording,
      ...(keepKeywordStop ? {} : { optedOutAt: null, optedOutBy: null }),
      customerId: row.customerId ?? customerId,
    },
  });
  await tx.consentEvent.create({
    data: {
      customerId,
      channel: "sms",
      change: "granted",
      address: grant.phone,
      source: grant.source,
      wording: grant.wording,
      occurredAt: grant.occurredAt,
    },
  });

  const customer = await tx.customer.findUniqueOrThrow({ where: { id: customerId }, select: { phone: true } });
  if (customer.phone !== grant.phone) {
    const current = customer.phone ? await tx.phoneNumber.findUnique({ where: { number: customer.phone } }) : null;
    const takenBy = await tx.customer.findFirst({ where: { phone: grant.phone }, select: { id: true } });
    if (!textable(current) && !takenBy)
      await tx.customer.update({ where: { id: customerId }, data: { phone: grant.phone } });
  }
  return true;
}

/** STOP (or a written request, or an agent): no SMS to this number from now on, pending ones cancelled. */
export async function optOutNumber(
  number: string,
  kind: OptOutKind,
  source: ConsentSource,
  wording: string | null,
  at: Date,
  tx: DbClient,
): Promise<void> {
  const owner = await tx.customer.findFirst({ where: { phone: number }, select: { id: true } });
  const row = await upsertNumber(number, owner?.id ?? null, tx);
  if (!row.optedOutAt) {
    await tx.phoneNumber.update({ where: { number }, data: { optedOutAt: at, optedOutBy: kind } });
    const customerId = row.customerId ?? owner?.id;
    if (customerId)
      await tx.consentEvent.create({
        data: { customerId, channel: "sms", change: "revoked", address: number, source, wording, occurredAt: at },
      });
  }
  await cancelPendingMessages({ smsNumber: number }, { kind: "sms_opted_out" }, tx);
}

/**
 * START / UNSTOP / YES lift a keyword opt-out of this number, as carriers do, and only that: the
 * consent the number had before comes back; a number that never consented gets no consent.
 * Returns whether consent was restored.
 */
export async function liftKeywordOptOut(
  number: string,
  source: ConsentSource,
  wording: string,
  at: Date,
  tx: DbClient,
): Promise<boolean> {
  const row = await tx.phoneNumber.findUnique({ where: { number } });
  if (!row?.optedOutAt || row.optedOutBy !== "keyword") return false;
  await tx.phoneNumber.update({ where: { number }, data: { optedOutAt: null, optedOutBy: null } });
  if (!row.consentAt || !row.customerId) return false;
  await tx.consentEvent.create({
    data: {
      customerId: row.customerId,
      channel: "sms",
      change: "granted",
      address: number,
      source,
      wording,
      occurredAt: at,
    },
  });
  return true;
}

/** The carrier says this number cannot receive SMS (Twilio 30003/30005/30006). */
export async function markNumberUnreachable(number: string, at: Date, tx: DbClient): Promise<void> {
  const owner = await tx.customer.findFirst({ where: { phone: number }, select: { id: true } });
  await tx.phoneNumber.upsert({
    where: { number },
    create: { number, customerId: owner?.id ?? null, unreachableAt: at },
    update: { unreachableAt: at },
  });
}
