// Validation for the shop settings form; used by the form (client) and the server action.
import { z } from "zod";
import { isTimeZone } from "@/lib/i18n/time-zone";
import { emailAddress } from "@/lib/validation/email";

export const LOCALES = ["en", "fr"] as const;
export const LOCALE_LABELS: Record<(typeof LOCALES)[number], string> = { en: "English", fr: "Français" };

// Messages are error keys or worded from the issue with the field's name (fieldErrorsFrom).
const text = (max: number) => z.string().trim().min(1).max(max);

export const shopSettingsSchema = z.object({
  shopName: text(100),
  founderName: text(100),
  founderSignature: text(500),
  senderEmail: emailAddress("senderEmailHint"),
  timeZone: z.string().refine(isTimeZone, "pickTimeZone"),
  defaultLocale: z.enum(LOCALES),
  reviewUrl: z
    .string()
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: "reviewUrlHttps" })),
});

export type ShopSettingsInput = z.infer<typeof shopSettingsSchema>;
