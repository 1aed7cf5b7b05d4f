import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

/** E.164 form of a phone number, or null when it is not a valid number. */
export function normalizePhone(raw: string | null | undefined, defaultCountry?: string | null): string | null {
  if (!raw?.trim()) return null;
  const parsed = parsePhoneNumberFromString(
    raw.trim(),
    (defaultCountry?.toUpperCase() as CountryCode | undefined) ?? undefined,
  );
  return parsed?.isValid() ? parsed.number : null;
}

/** The ISO country of an E.164 number (for time zone and quiet-hours fallbacks). */
export function phoneCountry(e164: string): string | null {
  return parsePhoneNumberFromString(e164)?.country ?? null;
}
