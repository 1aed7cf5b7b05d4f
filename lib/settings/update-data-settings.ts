import "server-only";
import { db } from "@/lib/db";
import type { DataSettingsInput } from "@/lib/settings/data-settings-input";
import { SHOP_SETTINGS_ID } from "@/lib/settings/get-shop-settings";
import { updateSettingsSection } from "@/lib/settings/update-settings-section";

const DATA_FIELDS = { retentionMonths: true, smsConsentWordingEn: true, smsConsentWordingFr: true } as const;

// The schema's defaults, for a shop that has not saved its settings yet.
export const DEFAULT_DATA_SETTINGS: DataSettingsInput = {
  retentionMonths: 24,
  smsConsentWordingEn: "Receive order updates and a single review request by SMS. Reply STOP to opt out.",
  smsConsentWordingFr:
    "Recevoir le suivi de ma commande et une seule demande d'avis par SMS. Répondez STOP pour ne plus en recevoir.",
};

export async function getDataSettings(): Promise<DataSettingsInput | null> {
  return db.shopSettings.findUnique({ where: { id: SHOP_SETTINGS_ID }, select: DATA_FIELDS });
}

/** A shorter retention applies from the dispatcher's next run; new wording applies to consents recorded from now on. */
export async function updateDataSettings(input: DataSettingsInput, actorUserId: string): Promise<DataSettingsInput> {
  return updateSettingsSection(
    {
      action: "settings.data_updated",
      read: async (tx) =>
        (await tx.shopSettings.findUnique({ where: { id: SHOP_SETTINGS_ID }, select: DATA_FIELDS })) ?? {},
    },
    input,
    actorUserId,
  );
}
