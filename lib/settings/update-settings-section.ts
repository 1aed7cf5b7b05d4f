import "server-only";
import { changedFields, recordAudit } from "@/lib/audit/record-audit";
import { db, type DbClient } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { SHOP_SETTINGS_ID } from "@/lib/settings/get-shop-settings";

/**
 * Saves one section of Settings (flows, data) of a shop whose basics are saved, and audits the
 * fields that changed, in one transaction. `read` gives the section as it is, for the audit.
 */
export async function updateSettingsSection<T extends object>(
  section: { action: string; read: (tx: DbClient) => Promise<object> },
  input: T,
  actorUserId: string,
): Promise<T> {
  return db.$transaction(async (tx) => {
    if (!(await tx.shopSettings.findUnique({ where: { id: SHOP_SETTINGS_ID }, select: { id: true } })))
      throw AppError.because("conflict", "saveShopFirst");
    const before = await section.read(tx);
    await tx.shopSettings.update({ where: { id: SHOP_SETTINGS_ID }, data: { ...input, updatedById: actorUserId } });
    const changes = changedFields(before as Record<string, unknown>, input as Record<string, unknown>);
    if (Object.keys(changes).length)
      await recordAudit(
        {
          actorUserId,
          action: section.action,
          entityType: "shop_settings",
          entityId: String(SHOP_SETTINGS_ID),
          data: changes as never,
        },
        tx,
      );
    return input;
  });
}
