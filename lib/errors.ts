// One error type for failures the user may see. Anything else is logged and shown generically.
import { errorMessages, type ErrorKey } from "@/lib/i18n/messages/errors";
import { translator, type UiLocale } from "@/lib/i18n/translate";

export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  too_many_requests: 429,
  /** A provider (Postmark, Twilio, OpenAI) failed or did not answer: not the caller's fault. */
  provider_unavailable: 502,
  /** This server lacks the setting the request needs (a provider key): for its admins to fix. */
  not_configured: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A value of a translated error: a plain value, or another key translated in the same language. */
export type ErrorValue = string | number | { key: ErrorKey };
export type ErrorText = { key: ErrorKey; values?: Record<string, ErrorValue> };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Set for errors a person reads in a form: shown in their language (see translatedMessage). */
    readonly text?: ErrorText,
    /** Per field, for a form to show each problem next to its field. */
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "AppError";
  }

  /** An error worded by the error dictionary: its message is the English text, forms show the user's language. */
  static because(code: ErrorCode, key: ErrorKey, values?: Record<string, ErrorValue>): AppError {
    const text = { key, values };
    return new AppError(code, translateError(text, "en"), text);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  /** The message in the given language when the error has a key, else the message as written. */
  translatedMessage(locale: UiLocale): string {
    return this.text ? translateError(this.text, locale) : this.message;
  }
}

export function translateError({ key, values }: ErrorText, locale: UiLocale): string {
  const t = translator(errorMessages, locale);
  if (!values) return t(key);
  return t(
    key,
    Object.fromEntries(
      Object.entries(values).map(([name, value]) => [name, typeof value === "object" ? t(value.key) : value]),
    ),
  );
}

export const GENERIC_ERROR_MESSAGE = errorMessages.en.generic;
