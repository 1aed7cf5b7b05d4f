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
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      return { ok: false, code: "invalid_input", error: "Some fields need fixing.", fieldErrors: fieldErrorsFrom(parsed.error.issues) };
    }
    try {
      return { ok: true, data: await handler(parsed.data, user) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, code: error.code, error: error.message };
      logError("action", `${permission} failed`, error);
      return { ok: false, code: "internal", error: GENERIC_ERROR_MESSAGE };
    }
  };
}
