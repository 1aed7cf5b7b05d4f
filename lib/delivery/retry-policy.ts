// When a message that did not go (the provider said so: 5xx, 429, no connection) is tried again.

export const MAX_ATTEMPTS = 10;
const BASE_BACKOFF_MS = 60_000;
const MAX_BACKOFF_MS = 60 * 60_000;

/** 1, 2, 4 ... minutes after each failed attempt, at most an hour (about 5 hours in all); longer if the provider asks. */
export function retryDelayMs(attempts: number, retryAfterMs?: number): number {
  const backoff = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
  return Math.max(backoff, retryAfterMs ?? 0);
}
