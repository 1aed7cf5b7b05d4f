import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

const unique = () => randomUUID().slice(0, 8);

/** The SMS state of the customer's number (PhoneNumber), given with the customer for brevity. */
export type SmsStateOverrides = {
  smsConsentAt?: Date;
  smsConsentSource?: string;
  smsOptedOutAt?: Date;
  smsUnreachableAt?: Date;
};

export async function makeCustomer(overrides: Partial<Prisma.CustomerUncheckedCreateInput> & SmsStateOverrides = {}) {
  const { smsConsentAt, smsConsentSource, smsOptedOutAt, smsUnreachableAt, ...data } = overrides;
  const customer = await db.customer.create({
    data: { email: `c-${unique()}@example.test`, firstName: "Camille", locale: "fr", ...data },
  });
  if (customer.phone && (smsConsentAt || smsOptedOutAt || smsUnreachableAt)) {
    await setSmsState(customer.phone, { smsConsentAt, smsConsentSource, smsOptedOutAt, smsUnreachableAt }, customer.id);
  }
  return customer;
}

/** Sets the consent state of a number, as the consent module would have recorded it. */
export async function setSmsState(number: string, state: SmsStateOverrides, customerId?: string) {
  const data = {
    ...(state.smsConsentAt
      ? { consentAt: state.smsConsentAt, consentSource: state.smsConsentSource ?? "shopify_checkout" }
      : {}),
    ...(state.smsOptedOutAt ? { optedOutAt: state.smsOptedOutAt, optedOutBy: "keyword" } : {}),
    ...(state.smsUnreachableAt ? { unreachableAt: state.smsUnreachableAt } : {}),
  };
  const owner =
    customerId ?? (await db.customer.findFirst({ where: { phone: number }, select: { id: true } }))?.id ?? null;
  return db.phoneNumber.upsert({ where: { number }, create: { number, customerId: owner, ...data }, update: data });
}

/** The consent state of a number, for assertions. */
export async function smsStateOfNumber(number: string) {
  return db.phoneNumber.findUnique({ where: { number } });
}

export async function makeOrder(
  customerId: string,
  overrides: Partial<Prisma.OrderUncheckedCreateInput> = {},
  categoryDelayDays?: number | null,
) {
  const category =
    categoryDelayDays === undefined
      ? null
      : await db.productCategory.create({ data: { name: `cat-${unique()}`, smsReviewDelayDays: categoryDelayDays } });
  const product = await db.product.create({
    data: { title: "Lampe Lune", externalId: `p-${unique()}`, categoryId: category?.id },
  });
  return db.order.create({
    data: {
      externalId: `o-${unique()}`,
      number: "#1001",
      customerId,
      currency: "EUR",
      totalPrice: "89.00",
      placedAt: new Date("2026-11-20T10:00:00Z"),
      lineItems: { create: { productId: product.id, title: product.title, quantity: 1, unitPrice: "89.00" } },
      ...overrides,
    },
  });
}

export async function makeShopSettings(overrides: Partial<Prisma.ShopSettingsUncheckedCreateInput> = {}) {
  return db.shopSettings.create({
    data: {
      id: 1,
      shopName: "Atelier Lune",
      founderName: "Léa",
      founderSignature: "Léa, Atelier Lune",
      senderEmail: "lea@atelier-lune.example",
      timeZone: "Europe/Paris",
      defaultLocale: "fr",
      reviewUrl: "https://atelier-lune.example/avis",
      ...overrides,
    },
  });
}
