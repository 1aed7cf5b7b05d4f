import "server-only";
import { authenticateApiToken } from "@/lib/api-tokens/manage-api-tokens";
import { AppError } from "@/lib/errors";
import { apiEventSchema, toShopEvent } from "@/lib/events-api/map-api-event";
import { parseUntrustedJson } from "@/lib/http/clean-untrusted-text";
import { applyShopEvent } from "@/lib/shop-events/apply-shop-event";
import { processWebhookOnce } from "@/lib/webhooks/process-webhook-once";

export type InvalidEventIssue = { path: string; message: string };

export class InvalidEventError extends AppError {
  constructor(readonly issues: InvalidEventIssue[]) {
    super("bad_request", `Invalid event: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  }
}

/** Authenticates, validates and applies one event, at most once per event id. */
export async function receiveApiEvent(authorization: string | null, body: string): Promise<{ status: "processed" | "duplicate"; id: string }> {
  if (!(await authenticateApiToken(authorization))) throw new AppError("unauthenticated", "Missing, unknown or revoked API token: send Authorization: Bearer <token> (Settings → API tokens).");
  let json: unknown;
  try {
    json = parseUntrustedJson(body);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
  const parsed = apiEventSchema.safeParse(json);
  if (!parsed.success) throw new InvalidEventError(parsed.error.issues.map((issue) => ({ path: issue.path.join(".") || "(body)", message: issue.message })));
  const event = parsed.data;
  const outcome = await processWebhookOnce({ provider: "events_api", externalId: event.id, topic: event.type }, (tx) => applyShopEvent(toShopEvent(event), tx));
  return { status: outcome.duplicate ? "duplicate" : "processed", id: event.id };
}
