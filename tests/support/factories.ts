import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

const unique = () => randomUUID().slice(0, 8);

export async function makeCustomer(overrides: Partial<Prisma.CustomerUncheckedCreateInput> = {}) {
  return db.customer.create({ data: { email: `c-${unique()}@example.test`, firstName: "Camille", locale: "fr", ...overrides } });
}

export async function makeOrder(customerId: string, overrides: Partial<Prisma.OrderUncheckedCreateInput> = {}, categoryDelayDays?: number | null) {
  const category = categoryDelayDays === undefined ? null : await db.productCategory.create({ data: { name: `cat-${unique()}`, smsReviewDelayDays: categoryDelayDays } });
  const product = await db.product.create({ data: { title: "Lampe Lune", externalId: `p-${unique()}`, categoryId: category?.id } });
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
