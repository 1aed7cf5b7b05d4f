// zod issues as sentences that name the field, in the form's language: "Le message doit contenir
// au moins 10 caractères". A schema's own message is an error key (errorMessages) or is replaced
// by the wording of its issue code, so no English text from a schema reaches a French screen.
import { errorMessages, type ErrorKey } from "@/lib/i18n/messages/errors";
import { translator, type UiLocale } from "@/lib/i18n/translate";

export type FieldErrors = Record<string, string[]>;

export type ValidationIssue = {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  origin?: string;
  format?: string;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
};

export const isErrorKey = (value: string): value is ErrorKey => Object.hasOwn(errorMessages.en, value);

/** The key of an issue's sentence, from its code (and the schema's own key when it gave one). */
function issueKey(issue: ValidationIssue): ErrorKey {
  if (isErrorKey(issue.message)) return issue.message;
  const bound = Number(issue.code === "too_small" ? issue.minimum : issue.maximum);
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint")
        return issue.inclusive === false ? "numberNotAbove" : "numberTooSmall";
      if (issue.origin === "array" || issue.origin === "set") return "tooFewItems";
      return bound <= 1 ? "required" : "tooShort";
    case "too_big":
      if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint")
        return issue.inclusive === false ? "numberNotBelow" : "numberTooBig";
      if (issue.origin === "array" || issue.origin === "set") return "tooManyItems";
      return "tooLong";
    case "invalid_type":
      if (/received (undefined|null)/.test(issue.message)) return "required";
      return issue.expected === "number" || issue.expected === "int" ? "notANumber" : "invalid";
    case "invalid_format":
      return issue.format === "email" ? "notAnEmail" : "invalid";
    case "invalid_value":
    case "invalid_union":
      return "notAChoice";
    case "custom":
      return issue.message ? "invalidBecause" : "invalid";
    default:
      return "invalid";
  }
}

/** The field an issue is about: its last named segment; "samples.2" is one sample (field_samples_item). */
function fieldKey(path: readonly PropertyKey[]): ErrorKey {
  const name = [...path].reverse().find((segment): segment is string => typeof segment === "string");
  if (!name) return "field_form";
  const item = `field_${name}_item`;
  if (typeof path.at(-1) === "number" && isErrorKey(item)) return item;
  const key = `field_${name}`;
  return isErrorKey(key) ? key : "field_other";
}

export function issueMessage(issue: ValidationIssue, locale: UiLocale): string {
  const t = translator(errorMessages, locale);
  return t(issueKey(issue), {
    field: t(fieldKey(issue.path)),
    minimum: Number(issue.minimum ?? 0),
    maximum: Number(issue.maximum ?? 0),
    detail: issue.message,
  });
}

/** Issues grouped by field path ("form" for issues about the whole input), worded in the locale. */
export function fieldErrorsFrom(issues: readonly ValidationIssue[], locale: UiLocale): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues)
    (errors[issue.path.map(String).join(".") || "form"] ??= []).push(issueMessage(issue, locale));
  return errors;
}
