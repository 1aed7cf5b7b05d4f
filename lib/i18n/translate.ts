// The app's screens speak English and French. Each area keeps its own dictionary
// (lib/i18n/messages/<area>.ts) with the same keys in both languages, checked by the compiler.
export const UI_LOCALES = ["en", "fr"] as const;
export type UiLocale = (typeof UI_LOCALES)[number];

export type Dictionary<K extends string = string> = Record<K, string>;
/** One dictionary per language, with the same keys. */
export type Messages<K extends string> = Record<UiLocale, Dictionary<K>>;

export function defineMessages<K extends string>(messages: {
  en: Record<K, string>;
  fr: Record<K, string>;
}): Messages<K> {
  return messages;
}

export type Translate<K extends string> = (key: K, values?: Record<string, string | number>) => string;

/** t("waiting", { time: "5 min" }) fills {time} in the chosen language's text. */
export function translator<K extends string>(messages: Messages<K>, locale: UiLocale): Translate<K> {
  const dictionary = messages[locale];
  return (key, values) => {
    const text = dictionary[key] ?? messages.en[key] ?? key;
    return values
      ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole))
      : text;
  };
}

export function isUiLocale(value: unknown): value is UiLocale {
  return (UI_LOCALES as readonly unknown[]).includes(value);
}

/** The user's own choice, else the browser's first supported language, else English. */
export function resolveUiLocale(
  userChoice: string | null | undefined,
  acceptLanguage: string | null | undefined,
): UiLocale {
  if (isUiLocale(userChoice)) return userChoice;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.split("=")[1] ?? 1);
      return { language: tag.toLowerCase().split("-")[0], q: Number.isFinite(q) ? q : 0 };
    })
    .filter((entry) => entry.language && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((entry) => entry.language).find(isUiLocale) ?? "en";
}
