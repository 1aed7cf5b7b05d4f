import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { isRecordNotFound, isUniqueViolation } from "@/lib/db/database-errors";

export const categoryInputSchema = z.object({
  id: z.string().min(1).optional(),
  name: z.string().trim().min(1, "Give the category a name").max(100, "100 characters at most"),
  smsReviewDelayDays: z.preprocess(
    (value) => (value === "" || value === null ? null : value),
    z.coerce
      .number({ error: "Days must be a number" })
      .int("Days must be a whole number")
      .min(0, "Days must be 0 or more")
      .max(60, "Days must be 60 or fewer")
      .nullable(),
  ),
});
export type CategoryInput = z.infer<typeof categoryInputSchema>;

export async function listCatalog() {
  const [categories, products, uncategorized] = await Promise.all([
    db.productCategory.findMany({ orderBy: { name: "asc" }, include: { _count: { select: { products: true } } } }),
    db.product.findMany({
      orderBy: [{ categoryId: { sort: "asc", nulls: "first" } }, { title: "asc" }],
      take: 200,
      select: { id: true, title: true, sku: true, categoryId: true },
    }),
    db.product.count({ where: { categoryId: null } }),
  ]);
  return { categories, products, uncategorized };
}

/** Creates or renames a category and sets its SMS review delay (null: the shop default). */
export async function saveProductCategory(input: CategoryInput, actorUserId: string) {
  try {
    const data = { name: input.name, smsReviewDelayDays: input.smsReviewDelayDays };
    const category = input.id
      ? await db.productCategory.update({ where: { id: input.id }, data })
      : await db.productCategory.create({ data });
    await recordAudit({
      actorUserId,
      action: input.id ? "category.updated" : "category.created",
      entityType: "product_category",
      entityId: category.id,
      data,
    });
    return category;
  } catch (error) {
    if (isUniqueViolation(error)) throw AppError.because("conflict", "productCategoryTaken", { name: input.name });
    if (isRecordNotFound(error)) throw AppError.because("not_found", "productCategoryGone");
    throw error;
  }
}

export async function assignProductCategory(productId: string, categoryId: string | null, actorUserId: string) {
  const { count } = await db.product.updateMany({ where: { id: productId }, data: { categoryId } });
  if (count === 0) throw AppError.because("not_found", "productGone");
  await recordAudit({
    actorUserId,
    action: "product.category_set",
    entityType: "product",
    entityId: productId,
    data: { categoryId },
  });
}
