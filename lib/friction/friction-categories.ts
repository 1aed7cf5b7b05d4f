import "server-only";
import { db, type DbClient } from "@/lib/db";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { can, type Role } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

/** The categories every shop starts with; their keys match the classifier's friction hints. */
export const BUILT_IN_FRICTION_CATEGORIES = [
  { key: "payment_authentication", name: "Payment authentication (3-D Secure)" },
  { key: "card_declined", name: "Card declined" },
  { key: "shipping_cost", name: "Shipping cost" },
  { key: "delivery", name: "Delivery" },
  { key: "product_confusion", name: "Product confusion" },
] as const;

/** The confirmed categories: offered in the inbox and counted in the friction report. */
export async function listFrictionCategories(tx: DbClient = db) {
  const read = () =>
    tx.frictionCategory.findMany({
      orderBy: { createdAt: "asc" },
      select: { id: true, key: true, name: true, status: true },
    });
  let categories = await read();
  // The built-in ones are written once, by the first read that misses one (not on every page view).
  if (!BUILT_IN_FRICTION_CATEGORIES.every((builtIn) => categories.some((category) => category.key === builtIn.key))) {
    await tx.frictionCategory.createMany({ data: [...BUILT_IN_FRICTION_CATEGORIES], skipDuplicates: true });
    categories = await read();
  }
  return categories
    .filter((category) => category.status === "confirmed")
    .map(({ id, key, name }) => ({ id, key, name }));
}

/**
 * A category the team names itself, e.g. "Promo code refused"; the same name twice is one category.
 * A manager's is confirmed at once; anyone else's is a suggestion until a manager confirms it.
 */
export async function createFrictionCategory(name: string, author: { id: string; role: Role }, tx: DbClient = db) {
  const trimmed = name.trim().replace(/\s+/g, " ");
  const key = trimmed
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
  if (!key) throw AppError.because("bad_request", "categoryNeedsLetters");
  const existing = await tx.frictionCategory.findFirst({
    where: { OR: [{ key }, { name: { equals: trimmed, mode: "insensitive" } }] },
  });
  if (existing) return existing;
  const confirmed = can(author.role, "friction.manage_categories");
  return tx.frictionCategory.create({
    data: {
      key,
      name: trimmed,
      status: confirmed ? "confirmed" : "suggested",
      suggestedById: confirmed ? null : author.id,
    },
  });
}

/** A confirmed category (a suggestion has no report page). */
export async function getFrictionCategory(id: string) {
  return db.frictionCategory.findFirst({ where: { id, status: "confirmed" } });
}

/** Categories agents suggested, oldest first, with who suggested them and how many conversations carry them. */
export async function listSuggestedFrictionCategories() {
  const rows = await db.frictionCategory.findMany({
    where: { status: "suggested" },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      createdAt: true,
      suggestedBy: { select: { name: true } },
      _count: { select: { marks: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: row.createdAt,
    suggestedBy: row.suggestedBy?.name ?? null,
    marks: row._count.marks,
  }));
}

export const reviewSuggestionSchema = z.object({
  categoryId: z.string().min(1),
  decision: z.enum(["confirm", "reject"]),
});

/**
 * A manager confirms a suggested category (it joins the list and the report, with the marks it
 * already has) or rejects it (it and its marks are removed: they never reached the report).
 */
export async function reviewSuggestedCategory(input: z.infer<typeof reviewSuggestionSchema>, actorUserId: string) {
  await db.$transaction(async (tx) => {
    const category = await tx.frictionCategory.findUnique({ where: { id: input.categoryId } });
    if (!category) throw new AppError("not_found", "That category no longer exists.");
    if (category.status !== "suggested") throw new AppError("conflict", "That category was already confirmed.");
    if (input.decision === "confirm") {
      await tx.frictionCategory.update({ where: { id: category.id }, data: { status: "confirmed" } });
    } else {
      const { count } = await tx.frictionMark.deleteMany({ where: { categoryId: category.id } });
      await tx.frictionCategory.delete({ where: { id: category.id } });
      await recordAudit(
        {
          actorUserId,
          action: "friction.category_rejected",
          entityType: "friction_category",
          entityId: category.id,
          data: { name: category.name, marksRemoved: count },
        },
        tx,
      );
      return;
    }
    await recordAudit(
      {
        actorUserId,
        action: "friction.category_confirmed",
        entityType: "friction_category",
        entityId: category.id,
        data: { name: category.name },
      },
      tx,
    );
  });
}
