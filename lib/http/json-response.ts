import { AppError, GENERIC_ERROR_MESSAGE } from "@/lib/errors";
import { logError } from "@/lib/log";

/** The answer a route gives for an error: AppError's status and message, else a logged 500. */
export function errorResponse(error: unknown, context: string): Response {
  if (error instanceof AppError) return Response.json({ error: error.message }, { status: error.status });
  logError(context, "failed", error);
  return Response.json({ error: GENERIC_ERROR_MESSAGE }, { status: 500 });
}
