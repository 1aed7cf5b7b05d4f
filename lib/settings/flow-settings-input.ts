// Validation for the flow timing form (client and server).
import { z } from "zod";

const whole = (label: string, min: number, max: number) =>
  z.coerce.number({ error: `${label} must be a number` }).int(`${label} must be a whole number`).min(min, `${label} must be at least ${min}`).max(max, `${label} must be at most ${max}`);

export const flowSettingsSchema = z
  .object({
    abandonAfterMinutes: whole("Abandonment delay", 15, 1440),
    abandonedHelpDelayMinutes: whole("Help email delay", 0, 2880),
    postDeliveryCheckInDays: whole("Check-in day", 0, 30),
    postDeliveryReviewDays: whole("Review request day", 1, 60),
    postDeliveryReminderDays: whole("Last reminder day", 2, 90),
    smsReviewDelayDays: whole("SMS delay", 0, 60),
    smsWindowStartHour: whole("SMS window start", 0, 23),
    smsWindowEndHour: whole("SMS window end", 1, 24),
    reviewPauseMaxDays: whole("Longest review pause", 1, 60),
    day5EmailWithSms: z.enum(["skip", "check_in"], { error: "Choose what the day-5 email becomes" }),
    highValueCartThreshold: z.preprocess(
      (value) => (value === "" || value === null || value === undefined ? null : value),
      z.coerce.number({ error: "High-value cart amount must be a number" }).positive("High-value cart amount must be above 0").max(1_000_000, "High-value cart amount is too large").nullable(),
    ),
    highValueCartCurrency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "Currency must be a 3-letter code like EUR"),
  })
  .superRefine((v, ctx) => {
    if (v.postDeliveryReviewDays <= v.postDeliveryCheckInDays) ctx.addIssue({ code: "custom", path: ["postDeliveryReviewDays"], message: "The review request must come after the check-in" });
    if (v.postDeliveryReminderDays <= v.postDeliveryReviewDays) ctx.addIssue({ code: "custom", path: ["postDeliveryReminderDays"], message: "The last reminder must come after the review request" });
    if (v.smsWindowEndHour - v.smsWindowStartHour < 2) ctx.addIssue({ code: "custom", path: ["smsWindowEndHour"], message: "The SMS window must be at least 2 hours and end after it starts" });
  });

export type FlowSettingsInput = z.infer<typeof flowSettingsSchema>;
