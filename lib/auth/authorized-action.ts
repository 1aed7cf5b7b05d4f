import "server-only";
import { z } from "zod";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { can, type Permission } from "@/lib/auth/permissions";
import { AppError, type ErrorCode, GENERIC_ERROR_MESSAGE } from "@/lib/errors";
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
    if (!user) return { ok: false, code: "unauthenticated", error: "Your session has ended. Sign in again." };
    if (!can(user.role, permission)) {
      return { ok: false, code: "forbidden", error: `Your role (${user.role}) is not allowed to do this.` };
    }
    return run(permission, schema, input, (parsed) => handler(parsed, user));
  };
}

/**
 * The only actions open to signed-out visitors (the first-run page, before any user exists):
 * the same validation and error handling, and the handler checks that it may still run.
 */
export function publicAction<S extends z.ZodType, T>(name: string, schema: S, handler: (input: z.infer<S>) => Promise<T>): (input: unknown) => Promise<ActionResult<T>> {
  return (input) => run(name, schema, input, handler);
}

async function run<S extends z.ZodType, T>(name: string, schema: S, input: unknown, handler: (input: z.infer<S>) => Promise<T>): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, code: "invalid_input", error: "Some fields need fixing.", fieldErrors: fieldErrorsFrom(parsed.error.issues) };
  }
  try {
    return { ok: true, data: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code, error: error.message, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) };
    logError("action", `${name} failed`, error);
    return { ok: false, code: "internal", error: GENERIC_ERROR_MESSAGE };
  }
}
