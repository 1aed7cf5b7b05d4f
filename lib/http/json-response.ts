import { AppError, GENERIC_ERROR_MESSAGE } from "@/lib/errors";
import type { UiLocale } from "@/lib/i18n/translate";
import { logError } from "@/lib/log";

/**
 * The answer a route gives for an error: AppError's status and message, else a logged 500. A
 * route the app's own screens call passes the UI locale, so its message reaches the form translated.
 */
export function errorResponse(error: unknown, context: string, locale: UiLocale = "en"): Response {
  if (error instanceof AppError)
    return Response.json({ error: error.translatedMessage(locale) }, { status: error.status });
  logError(context, "failed", error);
  return Response.json({ error: GENERIC_ERROR_MESSAGE }, { status: 500 });
}
