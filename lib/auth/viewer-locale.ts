import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { getCurrentUserPreferences } from "@/lib/auth/current-user";
import type { LocaleChoice } from "@/lib/i18n/locale-choice";
import { resolveUiLocale, translator, type Messages, type UiLocale } from "@/lib/i18n/translate";

/** The signed-in user's own language setting; "auto" when signed out or following the browser. */
export const getLocaleChoice = cache(async (): Promise<LocaleChoice> => (await getCurrentUserPreferences()).locale);

/** The language of this request's screens: the signed-in user's setting, else the browser's. */
export const getUiLocale = cache(async (): Promise<UiLocale> => {
  // The request's headers first: that makes the page dynamic before the session code reads the
  // environment, so `next build` needs no secrets (the root layout renders every page).
  const acceptLanguage = (await headers()).get("accept-language");
  const choice = await getLocaleChoice();
  return resolveUiLocale(choice === "auto" ? null : choice, acceptLanguage);
});

/** A translator for a server component. */
export async function getTranslator<K extends string>(messages: Messages<K>) {
  const locale = await getUiLocale();
  return { t: translator(messages, locale), locale };
}
