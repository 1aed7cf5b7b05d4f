import "server-only";
import { authenticateApiToken } from "@/lib/api-tokens/manage-api-tokens";
import { AppError } from "@/lib/errors";
import { apiEventSchema, toShopEvent } from "@/lib/events-api/map-api-event";
import { parseUntrustedJson } from "@/lib/http/clean-untrusted-text";
import { applyShopEvent } from "@/lib/shop-events/apply-shop-event";
import { processWebhookOnce } from "@/lib/webhooks/process-webhook-once";
import type { WebhookEndpoint } from "@/lib/webhooks/receive-webhook";
import type { ProviderConnection } from "@/lib/webhooks/provider-connection";

export type InvalidEventIssue = { path: string; message: string };

export class InvalidEventError extends AppError {
  constructor(readonly issues: InvalidEventIssue[]) {
    super("bad_request", `Invalid event: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  }
}

/** The generic events API (docs/EVENTS_API.md): a shop's own systems post events with an API token. */
export const eventsApiWebhook: WebhookEndpoint = {
  key: "events_api",
  provider: "events_api",
  maxBytes: 1024 * 1024,
  topic: () => "events",
  replayHeaders: [],
  authenticate: {
    by: "auth",
    async check(headers) {
      if (!(await authenticateApiToken(headers.get("authorization"))))
        throw new AppError(
          "unauthenticated",
          "Missing, unknown or revoked API token: send Authorization: Bearer <token> (Settings → API tokens).",
        );
    },
  },
  async apply({ body }) {
    const result = await receiveApiEvent(body.toString("utf8"));
    return { outcome: result.status === "processed" ? "applied" : "duplicate", response: Response.json(result) };
  },
  answerError: (error) =>
    error instanceof InvalidEventError
      ? Response.json({ error: "Invalid event", issues: error.issues }, { status: 400 })
      : undefined,
};

/** Validates and applies one authenticated event, at most once per event id. */
async function receiveApiEvent(body: string): Promise<{ status: "processed" | "duplicate"; id: string }> {
  let json: unknown;
  try {
    json = parseUntrustedJson(body);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
  const parsed = apiEventSchema.safeParse(json);
  if (!parsed.success)
    throw new InvalidEventError(
      parsed.error.issues.map((issue) => ({ path: issue.path.join(".") || "(body)", message: issue.message })),
    );
  const event = parsed.data;
  const outcome = await processWebhookOnce({ provider: "events_api", externalId: event.id, topic: event.type }, (tx) =>
    applyShopEvent(toShopEvent(event), tx),
  );
  return { status: outcome.duplicate ? "duplicate" : "processed", id: event.id };
}

/** The shop's events from any other platform, with an API token made on Connections. */
export const eventsApiConnection: ProviderConnection = {
  provider: "events_api",
  endpoints: [eventsApiWebhook],
  topics: ["events"],
  setup: (_e, base) => ({
    missing: [],
    urls: [{ key: eventsApiWebhook.key, url: `${base}/api/events`, topics: ["events"] }],
  }),
};
