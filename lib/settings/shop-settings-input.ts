// Validation for the shop settings form; used by the form (client) and the server action.
import { z } from "zod";
import { isTimeZone } from "@/lib/i18n/time-zone";
import { emailAddress } from "@/lib/validation/email";

export const LOCALES = ["en", "fr"] as const;
export const LOCALE_LABELS: Record<(typeof LOCALES)[number], string> = { en: "English", fr: "Français" };

const text = (label: string, max: number) =>
  z.string().trim().min(1, `${label} is required`).max(max, `${label} must be ${max} characters or fewer`);

export const shopSettingsSchema = z.object({
  shopName: text("Shop name", 100),
  founderName: text("Founder's name", 100),
  founderSignature: text("Signature", 500),
  senderEmail: emailAddress("Enter the address mail is sent from, like hello@yourshop.com"),
  timeZone: z.string().refine(isTimeZone, "Pick a time zone from the list"),
  defaultLocale: z.enum(LOCALES, { error: "Pick English or Français" }),
  reviewUrl: z
    .string()
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: "Enter the full review page address, starting with https://" })),
});

export type ShopSettingsInput = z.infer<typeof shopSettingsSchema>;
