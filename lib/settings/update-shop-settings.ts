import "server-only";
import { db } from "@/lib/db";
import { recordAudit, changedFields } from "@/lib/audit/record-audit";
import { getShopSettings, SHOP_SETTINGS_ID } from "@/lib/settings/get-shop-settings";
import type { ShopSettingsInput } from "@/lib/settings/shop-settings-input";

/** Saves the settings (creating them the first time) and audits what changed. */
export async function updateShopSettings(
  input: ShopSettingsInput,
  actorUserId: string | null,
): Promise<ShopSettingsInput> {
  return db.$transaction(async (tx) => {
    const before = await getShopSettings(tx);
    await tx.shopSettings.upsert({
      where: { id: SHOP_SETTINGS_ID },
      create: { id: SHOP_SETTINGS_ID, ...input, updatedById: actorUserId },
      update: { ...input, updatedById: actorUserId },
    });
    const changes = changedFields(before, input);
    if (Object.keys(changes).length > 0) {
      await recordAudit(
        {
          actorUserId,
          action: "settings.updated",
          entityType: "shop_settings",
          entityId: String(SHOP_SETTINGS_ID),
          data: changes as never,
        },
        tx,
      );
    }
    return input;
  });
}
