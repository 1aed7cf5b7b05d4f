import "server-only";
import { AppError } from "@/lib/errors";
import type { WebhookProvider } from "@/lib/generated/prisma/enums";
import { errorResponse } from "@/lib/http/json-response";
import { readBody } from "@/lib/http/read-body";
import { runAfterResponse } from "@/lib/http/run-after-response";
import { logError } from "@/lib/log";
import { recordWebhookFailure, tallyWebhookDelivery, type FailureReason } from "@/lib/webhooks/webhook-outcomes";

/** One delivery as received: the raw body (what signatures cover), its headers and URL. */
export type WebhookDelivery = { body: Buffer; headers: Headers; url: URL };

/** What applying a delivery did, and the answer the provider gets. */
export type AppliedDelivery = { outcome: "applied" | "duplicate" | "ignored"; response: Response };

/**
 * A webhook endpoint: how a delivery is authenticated, then applied. Split in two so that a
 * delivery that failed while being applied can be replayed later without its credentials.
 */
export type WebhookEndpoint = {
  /** Names the endpoint in stored failures, so a replay finds it again: "postmark.inbound". */
  key: string;
  provider: WebhookProvider;
  maxBytes: number;
  /** The topic a delivery counts under (Shopify: its topic header, among the known ones). */
  topic: (headers: Headers) => string;
  /** Headers `apply` reads, stored with a failed delivery for its replay (never credentials). */
  replayHeaders: readonly string[];
  /**
   * Throws an AppError (401/403) for a delivery that does not prove it comes from the provider:
   * a credential in the headers is checked before the body is read, a signature after.
   */
  authenticate:
    | { by: "auth"; check: (headers: Headers) => void | Promise<void> }
    | { by: "signature"; check: (delivery: WebhookDelivery) => void };
  /** Applies an authenticated delivery; throws an AppError (4xx) for a malformed one. */
  apply: (delivery: WebhookDelivery) => Promise<AppliedDelivery>;
  /** An answer of its own for some errors (the events API lists every invalid field). */
  answerError?: (error: unknown) => Response | undefined;
};

/**
 * The one way a webhook route answers: read the body within the endpoint's limit, authenticate,
 * apply, and count the outcome for the Connections page. A delivery that fails while applied
 * (not a refused one) is stored with its body, for an admin to replay.
 */
export async function receiveWebhook(endpoint: WebhookEndpoint, request: Request): Promise<Response> {
  const receivedAt = new Date();
  let delivery: WebhookDelivery | null = null;
  let authenticated = false;
  try {
    const { authenticate } = endpoint;
    if (authenticate.by === "auth") await authenticate.check(request.headers);
    delivery = {
      body: await readWholeBody(request, endpoint.maxBytes),
      headers: request.headers,
      url: new URL(request.url),
    };
    if (authenticate.by === "signature") authenticate.check(delivery);
    authenticated = true;
    const { outcome, response } = await endpoint.apply(delivery);
    const topic = endpoint.topic(request.headers);
    runAfterResponse("webhook tally", () =>
      tallyWebhookDelivery({
        provider: endpoint.provider,
        topic,
        result: outcome === "duplicate" ? "duplicate" : "accepted",
        at: receivedAt,
      }),
    );
    return response;
  } catch (error) {
    const reason = failureReason(endpoint, error, authenticated);
    // A topic header is only believed once the delivery is authenticated.
    const topic = endpoint.topic(authenticated ? request.headers : new Headers());
    const failure = { endpoint: endpoint.key, provider: endpoint.provider, topic, reason, error, receivedAt };
    const answer = endpoint.answerError?.(error) ?? errorResponse(error, `${endpoint.key} webhook`);
    if (authenticated && delivery && (reason === "conflict" || reason === "error")) {
      // Stored before answering: the provider may never send it again (Twilio does not retry).
      // Only an authenticated delivery keeps its body: a replay does not authenticate again.
      const stored = {
        ...failure,
        payload: delivery.body,
        headers: pickHeaders(delivery.headers, endpoint.replayHeaders),
      };
      await recordWebhookFailure(stored).catch((recordError) =>
        logError(`${endpoint.key} webhook`, "failure not recorded for a replay", recordError),
      );
    } else {
      runAfterResponse("webhook tally", () => recordWebhookFailure({ ...failure, payload: null, headers: null }));
    }
    return answer;
  }
}

/** Why a delivery did not go through: refused (never trusted, never replayed) or failed while applied. */
export function failureReason(
  endpoint: Pick<WebhookEndpoint, "authenticate">,
  error: unknown,
  authenticated: boolean,
): FailureReason {
  // Not an AppError: our fault (a database down, even while checking a token), never the caller's.
  if (!(error instanceof AppError)) return "error";
  if (error.code === "payload_too_large") return "size";
  if (error.code === "unauthenticated" || error.code === "forbidden") {
    if (!authenticated) return endpoint.authenticate.by;
  }
  if (error.code === "conflict" && authenticated) return "conflict";
  return error.status < 500 ? "malformed" : "error";
}

/** The body within the cap; a body that stops halfway (the sender hung up) is the sender's fault. */
async function readWholeBody(request: Request, maxBytes: number): Promise<Buffer> {
  try {
    return await readBody(request, maxBytes);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("bad_request", "The body could not be read to its end.");
  }
}

function pickHeaders(headers: Headers, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.flatMap((name) => (headers.has(name) ? [[name, headers.get(name)!]] : [])));
}
