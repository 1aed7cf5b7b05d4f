import "server-only";
import { db, type DbClient } from "@/lib/db";
import { SHOP_SETTINGS_ID } from "@/lib/settings/get-shop-settings";

export type FlowSettings = {
  abandonAfterMinutes: number;
  abandonedHelpDelayMinutes: number;
  postDeliveryCheckInDays: number;
  postDeliveryReviewDays: number;
  postDeliveryReminderDays: number;
  smsReviewDelayDays: number;
  smsWindowStartHour: number;
  smsWindowEndHour: number;
  timeZone: string;
};

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
  const settings = await tx.shopSettings.findUnique({ where: { id: SHOP_SETTINGS_ID } });
  if (!settings) return DEFAULT_FLOW_SETTINGS;
  return {
    abandonAfterMinutes: settings.abandonAfterMinutes,
    abandonedHelpDelayMinutes: settings.abandonedHelpDelayMinutes,
    postDeliveryCheckInDays: settings.postDeliveryCheckInDays,
    postDeliveryReviewDays: settings.postDeliveryReviewDays,
    postDeliveryReminderDays: settings.postDeliveryReminderDays,
    smsReviewDelayDays: settings.smsReviewDelayDays,
    smsWindowStartHour: settings.smsWindowStartHour,
    smsWindowEndHour: settings.smsWindowEndHour,
    timeZone: settings.timeZone,
  };
}
