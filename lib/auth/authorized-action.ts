import "server-only";
import { z } from "zod";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { can, type Permission } from "@/lib/auth/permissions";
import { AppError, type ErrorCode } from "@/lib/errors";
import { getUiLocale } from "@/lib/auth/viewer-locale";
import { errorMessages } from "@/lib/i18n/messages/errors";
import { translator, type UiLocale } from "@/lib/i18n/translate";
import { fieldErrorsFrom, type FieldErrors } from "@/lib/validation/field-errors";
import { logError } from "@/lib/log";

export type { FieldErrors };

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode | "invalid_input" | "internal"; error: string; fieldErrors?: FieldErrors };

/**
 * Every server action goes through here: load the session, check the role, validate the input,
 * run the handler, and turn failures into a result the form can show. Nothing throws to the UI.
 */
export function authorizedAction<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  handler: (input: z.infer<S>, user: CurrentUser) => Promise<T>,
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    const user = await getCurrentUser();
    const locale = await getUiLocale();
    const t = translator(errorMessages, locale);
    if (!user) return { ok: false, code: "unauthenticated", error: t("sessionEnded") };
    if (!can(user.role, permission)) {
      return { ok: false, code: "forbidden", error: t("roleNotAllowed", { role: user.role }) };
    }
    return run(permission, schema, input, locale, (parsed) => handler(parsed, user));
  };
}

/**
 * The only actions open to signed-out visitors (the first-run page, before any user exists):
 * the same validation and error handling, and the handler checks that it may still run.
 */
export function publicAction<S extends z.ZodType, T>(
  name: string,
  schema: S,
  handler: (input: z.infer<S>) => Promise<T>,
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => run(name, schema, input, await getUiLocale(), handler);
}

/** Failures come back in the user's language (the form's), with each field named. */
async function run<S extends z.ZodType, T>(
  name: string,
  schema: S,
  input: unknown,
  locale: UiLocale,
  handler: (input: z.infer<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const t = translator(errorMessages, locale);
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      code: "invalid_input",
      error: t("someFieldsNeedFixing"),
      fieldErrors: fieldErrorsFrom(parsed.error.issues, locale),
    };
  }
  try {
    return { ok: true, data: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof AppError)
      return {
        ok: false,
        code: error.code,
        error: error.translatedMessage(locale),
        ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
      };
    logError("action", `${name} failed`, error);
    return { ok: false, code: "internal", error: t("generic") };
  }
}
