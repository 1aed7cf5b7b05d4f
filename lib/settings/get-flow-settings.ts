import "server-only";
import { db, type DbClient } from "@/lib/db";
import { getShopSettingsRow } from "@/lib/settings/get-shop-settings";
import type { FlowSettingsInput } from "@/lib/settings/flow-settings-input";

export type FlowSettings = FlowSettingsInput & { timeZone: string };

// The schema's defaults, for a shop that has not saved its settings yet.
export const DEFAULT_FLOW_SETTINGS: FlowSettings = {
  abandonAfterMinutes: 60,
  abandonedHelpDelayMinutes: 60,
  postDeliveryCheckInDays: 1,
  postDeliveryReviewDays: 5,
  postDeliveryReminderDays: 14,
  smsReviewDelayDays: 5,
  smsWindowStartHour: 10,
  smsWindowEndHour: 20,
  timeZone: "UTC",
};

export async function getFlowSettings(tx: DbClient = db): Promise<FlowSettings> {
  const settings = await getShopSettingsRow(tx);
  if (!settings) return DEFAULT_FLOW_SETTINGS;
  return Object.fromEntries(Object.keys(DEFAULT_FLOW_SETTINGS).map((key) => [key, settings[key as keyof FlowSettings]])) as FlowSettings;
}
