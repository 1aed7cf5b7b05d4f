// Numbers, percentages, money and plurals in the UI language. Intl does the work, so "1 jour",
// "2 jours", "12,5 %" and "63,00 €" come out right; these keep the choices in one place.
import type { UiLocale } from "@/lib/i18n/translate";

const INTL_LOCALE: Record<UiLocale, string> = { en: "en-GB", fr: "fr-FR" };

/** A count or an average: at most one decimal, none when it is whole ("3", "2.5" / "2,5"). */
export function formatNumber(value: number, locale: UiLocale, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits }).format(value);
}

/** A file's size for people: "380 KB", "2.4 MB" / "2,4 Mo". */
export function formatFileSize(bytes: number, locale: UiLocale): string {
  const [value, unit] =
    bytes < 1024 ? [bytes, "B"] : bytes < 1024 * 1024 ? [bytes / 1024, "KB"] : [bytes / 1024 / 1024, "MB"];
  const units = locale === "fr" ? { B: "o", KB: "Ko", MB: "Mo" } : { B: "B", KB: "KB", MB: "MB" };
  return `${formatNumber(value, locale, value < 10 ? 1 : 0)} ${units[unit as "B" | "KB" | "MB"]}`;
}

/** A share between 0 and 1 as a percentage with one decimal ("12.5%" / "12,5 %"). */
export function formatPercent(share: number, locale: UiLocale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], {
    style: "percent",
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(share);
}

/** An amount with its currency ("€63.00" / "63,00 €"); a code Intl does not know is written after the number. */
export function formatMoney(
  amount: number | string | { toString(): string },
  currency: string,
  locale: UiLocale,
): string {
  const value = typeof amount === "number" ? amount : Number(amount.toString());
  try {
    return new Intl.NumberFormat(INTL_LOCALE[locale], { style: "currency", currency }).format(value);
  } catch {
    return `${new Intl.NumberFormat(INTL_LOCALE[locale], { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)} ${currency}`;
  }
}

export type PluralForm = "one" | "other";

/** Which form a count takes: French says "0 jour", "1 jour", English "0 days", "1 day". */
export function pluralForm(locale: UiLocale, count: number): PluralForm {
  return new Intl.PluralRules(INTL_LOCALE[locale]).select(count) === "one" ? "one" : "other";
}

/**
 * The dictionary key for a count: plural(locale, 3, "days") is "days_other". Dictionaries hold
 * both "days_one" and "days_other" (the dictionary test checks they come in pairs).
 */
export function plural<B extends string>(locale: UiLocale, count: number, base: B): `${B}_${PluralForm}` {
  return `${base}_${pluralForm(locale, count)}`;
}
