import "server-only";
import { db } from "@/lib/db";
import { changedFields, recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { getFlowSettings } from "@/lib/settings/get-flow-settings";
import { SHOP_SETTINGS_ID } from "@/lib/settings/get-shop-settings";
import type { FlowSettingsInput } from "@/lib/settings/flow-settings-input";

/** New delays apply to what is scheduled from now on; messages already scheduled keep their time. */
export async function updateFlowSettings(input: FlowSettingsInput, actorUserId: string): Promise<FlowSettingsInput> {
  return db.$transaction(async (tx) => {
    if (!(await tx.shopSettings.findUnique({ where: { id: SHOP_SETTINGS_ID }, select: { id: true } }))) {
      throw AppError.because("conflict", "saveShopFirst");
    }
    const before = await getFlowSettings(tx);
    await tx.shopSettings.update({ where: { id: SHOP_SETTINGS_ID }, data: { ...input, updatedById: actorUserId } });
    const changes = changedFields(before, input);
    if (Object.keys(changes).length)
      await recordAudit(
        {
          actorUserId,
          action: "settings.flows_updated",
          entityType: "shop_settings",
          entityId: String(SHOP_SETTINGS_ID),
          data: changes as never,
        },
        tx,
      );
    return input;
  });
}
