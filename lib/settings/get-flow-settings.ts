import "server-only";
import { db, type DbClient } from "@/lib/db";
import { getShopSettingsRow } from "@/lib/settings/get-shop-settings";
import type { FlowSettingsInput } from "@/lib/settings/flow-settings-input";

export type FlowSettings = FlowSettingsInput & { timeZone: string };

// The schema's defaults, for a shop that has not saved its settings yet.
export const DEFAULT_FLOW_SETTINGS: FlowSettings = {
  abandonAfterMinutes: 60,
  abandonedHelpDelayMinutes: 0,
  postDeliveryCheckInDays: 1,
  postDeliveryReviewDays: 5,
  postDeliveryReminderDays: 14,
  smsReviewDelayDays: 5,
  smsWindowStartHour: 10,
  smsWindowEndHour: 20,
  reviewPauseMaxDays: 7,
  undoSendSeconds: 5,
  businessStartHour: 9,
  businessEndHour: 18,
  businessDays: "mon_fri",
  day5EmailWithSms: "skip",
  highValueCartThreshold: null,
  highValueCartCurrency: "EUR",
  timeZone: "UTC",
};

export async function getFlowSettings(tx: DbClient = db): Promise<FlowSettings> {
  const settings = await getShopSettingsRow(tx);
  if (!settings) return DEFAULT_FLOW_SETTINGS;
  const values = Object.fromEntries(
    Object.keys(DEFAULT_FLOW_SETTINGS).map((key) => [key, settings[key as keyof FlowSettings]]),
  );
  return { ...values, highValueCartThreshold: settings.highValueCartThreshold?.toNumber() ?? null } as FlowSettings;
}
