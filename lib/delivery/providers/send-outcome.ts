// What a provider call came to, in the terms the dispatcher acts on.
export type Suppression = "email_inactive" | "sms_opted_out" | "sms_unreachable";

export type SendOutcome =
  | { kind: "sent"; providerMessageId: string }
  /** Nothing was sent (5xx, 429, connection refused): retry later. */
  | { kind: "transient"; error: string; retryAfterMs?: number }
  /** Will never work as it is (inactive recipient, invalid number...). */
  | { kind: "permanent"; error: string; code?: string; suppress?: Suppression }
  /** The request may have reached the provider (timeout): settle before any resend. */
  | { kind: "unknown"; error: string };

const NOT_SENT_NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** A network error that proves the request never left (no connection was made). */
export function isConnectFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: string }).code;
    if (code && NOT_SENT_NETWORK_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Retry-After in milliseconds, from seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
