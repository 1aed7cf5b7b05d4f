// What a user picks for their own screens: a language, or "auto" to follow the browser.
import { z } from "zod";
import { UI_LOCALES, type UiLocale } from "@/lib/i18n/translate";

export const LOCALE_CHOICES = ["auto", ...UI_LOCALES] as const;
export const localeChoiceSchema = z.enum(LOCALE_CHOICES, { error: `must be one of ${LOCALE_CHOICES.join(", ")}` });
export type LocaleChoice = z.infer<typeof localeChoiceSchema>;

/** Each language in its own words, so a reader finds theirs whatever the screen's language. */
export const LOCALE_NAMES: Record<UiLocale, string> = { en: "English", fr: "Français" };
