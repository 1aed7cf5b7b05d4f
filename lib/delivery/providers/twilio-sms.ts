import "server-only";
import twilio from "twilio";
import type BaseRequestClient from "twilio/lib/base/RequestClient";
import { env } from "@/lib/env";
import { isConnectFailure, parseRetryAfter, type SendOutcome } from "@/lib/delivery/providers/send-outcome";

export type OutgoingSms = { to: string; body: string; mediaUrls?: string[]; statusCallback: string | null };

const TIMEOUT_MS = 15_000;
// Twilio error codes: 21610 recipient replied STOP; 21211 invalid "To"; 21614 not a mobile number.
const OPTED_OUT = 21610;
const UNREACHABLE = new Set([21211, 21614]);
const DEFAULT_API_ORIGIN = "https://api.twilio.com";

type CallTrace = { retryAfterMs?: number };

/**
 * Sends every Twilio request to TWILIO_API_URL (a local fake in tests) and notes Retry-After,
 * which the SDK's exceptions do not carry.
 */
class ConfigurableRequestClient extends twilio.RequestClient {
  constructor(
    private readonly apiOrigin: string,
    private readonly trace: CallTrace,
  ) {
    super({ timeout: TIMEOUT_MS });
  }

  override async request<TData>(opts: BaseRequestClient.RequestOptions<TData>) {
    const uri = new URL(opts.uri);
    const target =
      this.apiOrigin === DEFAULT_API_ORIGIN
        ? opts.uri
        : `${this.apiOrigin.replace(/\/$/, "")}${uri.pathname}${uri.search}`;
    const response = await super.request<TData>({ ...opts, uri: target, timeout: TIMEOUT_MS });
    if (response.statusCode === 429)
      this.trace.retryAfterMs = parseRetryAfter(response.headers?.["retry-after"] as string | undefined);
    return response;
  }
}

function twilioClient(trace: CallTrace) {
  const { TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_API_URL } = env();
  return twilio(TWILIO_ACCOUNT_SID!, TWILIO_AUTH_TOKEN!, {
    httpClient: new ConfigurableRequestClient(TWILIO_API_URL, trace),
  });
}

function classify(error: unknown, trace: CallTrace): SendOutcome {
  const {
    status,
    code,
    message = String(error),
  } = error as { status?: number; code?: number | string; message?: string };
  if (typeof status !== "number") {
    return isConnectFailure(error)
      ? { kind: "transient", error: `Twilio unreachable: ${message}` }
      : { kind: "unknown", error: `Twilio did not answer: ${message}` };
  }
  if (status === 429 || status >= 500)
    return { kind: "transient", error: `Twilio ${status}: ${message}`, retryAfterMs: trace.retryAfterMs };
  const numeric = Number(code);
  if (numeric === OPTED_OUT)
    return {
      kind: "permanent",
      error: `Twilio ${numeric}: ${message}`,
      code: String(numeric),
      suppress: "sms_opted_out",
    };
  if (UNREACHABLE.has(numeric))
    return {
      kind: "permanent",
      error: `Twilio ${numeric}: ${message}`,
      code: String(numeric),
      suppress: "sms_unreachable",
    };
  return {
    kind: "permanent",
    error: `Twilio ${status}/${code ?? "?"}: ${message}`,
    code: code === undefined ? undefined : String(code),
  };
}

export async function sendSmsWithTwilio(sms: OutgoingSms): Promise<SendOutcome> {
  const trace: CallTrace = {};
  try {
    const message = await twilioClient(trace).messages.create({
      to: sms.to,
      from: env().TWILIO_FROM_NUMBER!,
      body: sms.body,
      ...(sms.mediaUrls?.length ? { mediaUrl: sms.mediaUrls } : {}),
      ...(sms.statusCallback ? { statusCallback: sms.statusCallback } : {}),
    });
    return { kind: "sent", providerMessageId: message.sid };
  } catch (error) {
    return classify(error, trace);
  }
}

/** Twilio's SID of a message with this text to this number since a time, or null. */
export async function findTwilioMessage(to: string, body: string, sentAfter: Date): Promise<string | null> {
  const messages = await twilioClient({}).messages.list({
    to,
    from: env().TWILIO_FROM_NUMBER!,
    dateSentAfter: sentAfter,
    limit: 50,
  });
  return messages.find((message) => message.body === body)?.sid ?? null;
}
