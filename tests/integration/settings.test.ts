import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { getShopSettings } from "@/lib/settings/get-shop-settings";
import { shopSettingsSchema, type ShopSettingsInput } from "@/lib/settings/shop-settings-input";
import { updateShopSettings } from "@/lib/settings/update-shop-settings";

beforeEach(truncateAllTables);

const settings: ShopSettingsInput = {
  shopName: "Maison Lumière",
  founderName: "Camille",
  founderSignature: "Camille, founder",
  senderEmail: "camille@shop.test",
  timeZone: "Europe/Paris",
  defaultLocale: "fr",
  reviewUrl: "https://shop.test/avis",
};

describe("shop settings", () => {
  it("are empty before set-up, then saved and read back", async () => {
    expect(await getShopSettings()).toBeNull();
    await updateShopSettings(settings, null);
    expect(await getShopSettings()).toMatchObject(settings);
  });

  it("audit only the fields that changed", async () => {
    await updateShopSettings(settings, null);
    await updateShopSettings({ ...settings, shopName: "Lumière & Co" }, null);
    await updateShopSettings({ ...settings, shopName: "Lumière & Co" }, null);
    const entries = await db.auditLog.findMany({
      where: { action: "settings.updated" },
      orderBy: { createdAt: "asc" },
    });
    expect(entries).toHaveLength(2);
    expect(entries[1]!.data).toEqual({ shopName: ["Maison Lumière", "Lumière & Co"] });
  });

  it("reject bad input with a message per field", () => {
    const result = shopSettingsSchema.safeParse({
      ...settings,
      shopName: " ",
      senderEmail: "camille",
      timeZone: "Mars/Olympus",
      reviewUrl: "shop.test/avis",
      defaultLocale: "de",
    });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path[0]);
    expect(fields.sort()).toEqual(["defaultLocale", "reviewUrl", "senderEmail", "shopName", "timeZone"]);
  });
});
