// {{variable}} and {{variable|fallback}} substitution. Pure. A text never leaves with raw braces:
// an unknown variable, or a missing value with no fallback, is an error.
import type { Locale } from "@/lib/generated/prisma/enums";

export const TEMPLATE_VARIABLES = ["firstName", "productName", "shopName", "founderName", "reviewLink", "checkoutLink", "orderNumber"] as const;
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

export function renderTemplate(text: string, values: TemplateValues, locale: Locale): string {
  const problems = unknownVariables(text).map((name) => `unknown variable {{${name}}}`);
  const rendered = text.replace(PLACEHOLDER, (whole, name: string, fallback: string | undefined) => {
    const value = values[name as TemplateVariable]?.trim();
    if (value) return value;
    if (fallback !== undefined) return fallback.trim();
    const defaultFallback = DEFAULT_FALLBACKS[name as TemplateVariable]?.[locale];
    if (defaultFallback !== undefined) return defaultFallback;
    if ((TEMPLATE_VARIABLES as readonly string[]).includes(name)) problems.push(`no value for {{${name}}}`);
    return whole;
  });
  if (problems.length) throw new TemplateRenderError(problems);
  // "Bonjour ," when a first name is missing: tidy the space a fallback left before punctuation.
  return rendered.replace(/ +([,.!?])/g, (_, mark: string) => (locale === "fr" && mark !== "," && mark !== "." ? ` ${mark}` : mark));
}

/**
 * Fills the variables that have a value and leaves the others as written, e.g. {{reviewLink}},
 * which the server fills with a tracked link when the reply is sent. For the composer's preview.
 */
export function fillKnownVariables(text: string, values: TemplateValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name as TemplateVariable]?.trim() || whole);
}
