// {{variable}} and {{variable|fallback}} substitution. Pure. A text never leaves with raw braces:
// an unknown variable, or a missing value with no fallback, is an error.
import type { Locale } from "@/lib/generated/prisma/enums";

export const TEMPLATE_VARIABLES = [
  "firstName",
  "productName",
  "shopName",
  "founderName",
  "reviewLink",
  "checkoutLink",
  "orderNumber",
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Partial<Record<TemplateVariable, string | null | undefined>>;

// Used when a value is missing and the template declares no fallback of its own.
const DEFAULT_FALLBACKS: Partial<Record<TemplateVariable, Record<Locale, string>>> = {
  firstName: { en: "there", fr: "" },
  productName: { en: "your order", fr: "votre commande" },
};

const PLACEHOLDER = /\{\{\s*([A-Za-z_]+)\s*(?:\|([^}]*))?\}\}/g;

export class TemplateRenderError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("; "));
    this.name = "TemplateRenderError";
  }
}

/** Names used in a text that are not template variables (for the editor and for sending). */
export function unknownVariables(text: string): string[] {
  const names = [...text.matchAll(PLACEHOLDER)].map((match) => match[1]!);
  return [...new Set(names.filter((name) => !(TEMPLATE_VARIABLES as readonly string[]).includes(name)))];
}

/** The text a placeholder becomes: its value, else its own fallback, else the default one. */
function valueOf(
  name: string,
  fallback: string | undefined,
  values: TemplateValues,
  locale: Locale,
): string | undefined {
  const value = values[name as TemplateVariable]?.trim();
  if (value) return value;
  if (fallback !== undefined) return fallback.trim();
  return DEFAULT_FALLBACKS[name as TemplateVariable]?.[locale];
}

// French elision before a value that starts with a vowel or a mute h: "de {{shopName}}" with
// "Atelier Lune" reads "d'Atelier Lune", "le {{productName}}" with "abat-jour" reads "l'abat-jour".
const ELIDABLE = /(?<![\p{L}'’])(de|le|la|que|ne|je|me|te|se) (?=\{\{)/giu;
const STARTS_WITH_VOWEL = /^[aeiouyàâäéèêëîïôöùûüÿæœ]/i;
// Words whose h is aspirated: no elision ("de Hollande", "le hibou"). The rest of the h words elide.
const ASPIRATED_H =
  /^h(?:a(?:che|ie|ine|ll|lt|mac|mburg|mster|nche|ndicap|ngar|nte|rangue|ras|rdi|reng|ricot|rnais|rpe|sard|te|ut|vre)|e(?:aume|nné|rnie|ron|rse|tre|urt|xag)|éros|ibou|iér|ochet|o(?:llande|mard|nte|nteux|ngr|nte|quet|rs|tte|uss|uill)|u(?:blot|che|er|gu|ll|mbl|rl|tte))/i;

export function elidesBefore(value: string): boolean {
  if (STARTS_WITH_VOWEL.test(value)) return true;
  return /^h/i.test(value) && !ASPIRATED_H.test(value);
}

function elide(text: string, values: TemplateValues, locale: Locale): string {
  if (locale !== "fr") return text;
  return text.replace(ELIDABLE, (whole: string, word: string, offset: number) => {
    const next = /^\{\{\s*([A-Za-z_]+)\s*(?:\|([^}]*))?\}\}/.exec(text.slice(offset + whole.length));
    const value = next ? valueOf(next[1]!, next[2], values, locale) : undefined;
    return value && elidesBefore(value) ? `${word.slice(0, -1)}'` : whole;
  });
}

export function renderTemplate(text: string, values: TemplateValues, locale: Locale): string {
  const problems = unknownVariables(text).map((name) => `unknown variable {{${name}}}`);
  const rendered = elide(text, values, locale).replace(
    PLACEHOLDER,
    (whole, name: string, fallback: string | undefined) => {
      const value = valueOf(name, fallback, values, locale);
      if (value !== undefined) return value;
      if ((TEMPLATE_VARIABLES as readonly string[]).includes(name)) problems.push(`no value for {{${name}}}`);
      return whole;
    },
  );
  if (problems.length) throw new TemplateRenderError(problems);
  // "Bonjour ," when a first name is missing: tidy the space a fallback left before punctuation.
  return rendered.replace(/ +([,.!?])/g, (_, mark: string) =>
    locale === "fr" && mark !== "," && mark !== "." ? ` ${mark}` : mark,
  );
}

/**
 * Fills the variables that have a value and leaves the others as written, e.g. {{reviewLink}},
 * which the server fills with a tracked link when the reply is sent. For the composer's preview.
 */
export function fillKnownVariables(text: string, values: TemplateValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name as TemplateVariable]?.trim() || whole);
}
