// Stored codes to words: a built-in friction category or a flow step shows its dictionary label,
// a category the team named itself shows that name, and an unknown step its code rather than nothing.
import { labelMessages, type LabelKey } from "@/lib/i18n/messages/labels";
import { translator, type UiLocale } from "@/lib/i18n/translate";

const isLabelKey = (key: string): key is LabelKey => key in labelMessages.en;

/** "delivery" becomes "Livraison" in French; "Promo code refused", created by the team, stays as named. */
export function frictionCategoryLabel(category: { key: string; name: string }, locale: UiLocale): string {
  const key = `frictionCategory_${category.key}`;
  return isLabelKey(key) ? translator(labelMessages, locale)(key) : category.name;
}

/** "review_link" becomes "lien d'avis". */
export function stepLabel(step: string, locale: UiLocale): string {
  const key = `step_${step}`;
  return isLabelKey(key) ? translator(labelMessages, locale)(key) : step;
}

/** Where an SMS consent came from: "shopify_checkout" becomes "case cochée au paiement Shopify". */
export function consentSourceLabel(source: string, locale: UiLocale): string {
  const key = `consentSource_${source}`;
  return isLabelKey(key) ? translator(labelMessages, locale)(key) : source;
}

export function priorityLabel(priority: "low" | "normal" | "high" | "urgent", locale: UiLocale): string {
  return translator(labelMessages, locale)(`priority_${priority}`);
}

// A scheduled message's statusReason is stored as English text (queries match some of them), so
// the screen words it from the dictionary: the stored text is the English entry, with {name} and
// {days} read back from it. A reason this list does not know (a provider's error) shows as stored.
const REASON_KEYS = (Object.keys(labelMessages.en) as LabelKey[]).filter((key) => key.startsWith("reason_"));
const reasonPattern = (text: string) =>
  new RegExp(`^${text.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{(\w+)\\?\}/g, "(?<$1>.+)")}$`);
const REASON_PATTERNS = REASON_KEYS.map((key) => ({ key, pattern: reasonPattern(labelMessages.en[key]) }));

export function statusReasonLabel(reason: string, locale: UiLocale): string {
  for (const { key, pattern } of REASON_PATTERNS) {
    const match = pattern.exec(reason);
    if (match) return translator(labelMessages, locale)(key, match.groups);
  }
  return reason;
}
