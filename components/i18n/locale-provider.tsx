"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import { translator, type Messages, type UiLocale } from "@/lib/i18n/translate";

const LocaleContext = createContext<UiLocale>("en");

export function LocaleProvider({ locale, children }: { locale: UiLocale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useUiLocale(): UiLocale {
  return useContext(LocaleContext);
}

/** A translator for a client component: const { t, locale } = useTranslator(inboxMessages). */
export function useTranslator<K extends string>(messages: Messages<K>) {
  const locale = useUiLocale();
  return useMemo(() => ({ t: translator(messages, locale), locale }), [messages, locale]);
}
