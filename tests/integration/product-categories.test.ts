import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import {
  assignProductCategory,
  categoryInputSchema,
  listCatalog,
  saveProductCategory,
} from "@/lib/catalog/product-categories";
import { createUser } from "@/lib/users/create-user";

beforeEach(truncateAllTables);

describe("product categories", () => {
  it("are created, renamed with a delay, refused twice under one name, and assigned to products", async () => {
    const admin = await createUser({ email: "a@shop.test", role: "admin", password: "admin-password" });
    const product = await db.product.create({ data: { title: "Bougie", externalId: "p1" } });
    const consumables = await saveProductCategory(
      categoryInputSchema.parse({ name: "Consumables", smsReviewDelayDays: "10" }),
      admin.id,
    );
    expect(consumables.smsReviewDelayDays).toBe(10);
    await expect(
      saveProductCategory({ name: "Consumables", smsReviewDelayDays: null }, admin.id),
    ).rejects.toMatchObject({ code: "conflict" });
    await saveProductCategory({ id: consumables.id, name: "Candles", smsReviewDelayDays: null }, admin.id);
    await assignProductCategory(product.id, consumables.id, admin.id);
    const catalog = await listCatalog();
    expect(catalog.categories.map((c) => [c.name, c.smsReviewDelayDays, c._count.products])).toEqual([
      ["Candles", null, 1],
    ]);
    expect(catalog.uncategorized).toBe(0);
    await expect(assignProductCategory("missing", null, admin.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("explain a bad delay", () => {
    const result = categoryInputSchema.safeParse({ name: " ", smsReviewDelayDays: "-1" });
    expect(result.error!.issues.map((i) => i.message).sort()).toEqual([
      "Days must be 0 or more",
      "Give the category a name",
    ]);
    expect(categoryInputSchema.parse({ name: "Digital", smsReviewDelayDays: "" }).smsReviewDelayDays).toBeNull();
  });
});
