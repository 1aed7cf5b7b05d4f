// Validation for the flow timing form (client and server).
import { z } from "zod";
import { BUSINESS_DAYS } from "@/lib/settings/business-hours";

// Messages are worded, with the field's name, where the form shows them (fieldErrorsFrom).
const whole = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const flowSettingsSchema = z
  .object({
    abandonAfterMinutes: whole(15, 1440),
    abandonedHelpDelayMinutes: whole(0, 2880),
    postDeliveryCheckInDays: whole(0, 30),
    postDeliveryReviewDays: whole(1, 60),
    postDeliveryReminderDays: whole(2, 90),
    smsReviewDelayDays: whole(0, 60),
    smsWindowStartHour: whole(0, 23),
    smsWindowEndHour: whole(1, 24),
    reviewPauseMaxDays: whole(1, 60),
    undoSendSeconds: whole(0, 30),
    businessStartHour: whole(0, 23),
    businessEndHour: whole(1, 24),
    businessDays: z.enum(BUSINESS_DAYS),
    day5EmailWithSms: z.enum(["skip", "check_in"]),
    highValueCartThreshold: z.preprocess(
      (value) => (value === "" || value === null || value === undefined ? null : value),
      z.coerce.number().positive().max(1_000_000).nullable(),
    ),
    highValueCartCurrency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/),
  })
  .superRefine((v, ctx) => {
    if (v.postDeliveryReviewDays <= v.postDeliveryCheckInDays)
      ctx.addIssue({ code: "custom", path: ["postDeliveryReviewDays"], message: "reviewAfterCheckIn" });
    if (v.postDeliveryReminderDays <= v.postDeliveryReviewDays)
      ctx.addIssue({ code: "custom", path: ["postDeliveryReminderDays"], message: "reminderAfterReview" });
    if (v.businessEndHour <= v.businessStartHour)
      ctx.addIssue({ code: "custom", path: ["businessEndHour"], message: "businessHoursEmpty" });
    if (v.smsWindowEndHour - v.smsWindowStartHour < 2)
      ctx.addIssue({ code: "custom", path: ["smsWindowEndHour"], message: "smsWindowTooShort" });
  });

export type FlowSettingsInput = z.infer<typeof flowSettingsSchema>;
