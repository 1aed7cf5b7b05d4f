import "server-only";
import { db, type DbClient } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** The categories every shop starts with; their keys match the classifier's friction hints. */
export const BUILT_IN_FRICTION_CATEGORIES = [
  { key: "payment_authentication", name: "Payment authentication (3-D Secure)" },
  { key: "card_declined", name: "Card declined" },
  { key: "shipping_cost", name: "Shipping cost" },
  { key: "delivery", name: "Delivery" },
  { key: "product_confusion", name: "Product confusion" },
] as const;

export async function listFrictionCategories(tx: DbClient = db) {
  await tx.frictionCategory.createMany({ data: [...BUILT_IN_FRICTION_CATEGORIES], skipDuplicates: true });
  return tx.frictionCategory.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, key: true, name: true } });
}

/** A category the team names itself, e.g. "Promo code refused"; the same name twice is one category. */
export async function createFrictionCategory(name: string, tx: DbClient = db) {
  const trimmed = name.trim().replace(/\s+/g, " ");
  const key = trimmed
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
  if (!key) throw AppError.because("bad_request", "categoryNeedsLetters");
  const existing = await tx.frictionCategory.findFirst({ where: { OR: [{ key }, { name: { equals: trimmed, mode: "insensitive" } }] } });
  if (existing) return existing;
  return tx.frictionCategory.create({ data: { key, name: trimmed } });
}

export async function getFrictionCategory(id: string) {
  return db.frictionCategory.findUnique({ where: { id } });
}
