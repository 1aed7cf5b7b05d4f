import { createHmac, timingSafeEqual } from "node:crypto";

// Stateless unsubscribe tokens: the customer id and an HMAC of it under AUTH_SECRET, so a link
// works forever without a lookup table and cannot be forged for another customer.
function signature(customerId: string, secret: string): string {
  return createHmac("sha256", secret).update(`unsubscribe:${customerId}`).digest("base64url").slice(0, 32);
}

export function createUnsubscribeToken(customerId: string, secret: string): string {
  return `${customerId}.${signature(customerId, secret)}`;
}

/** The customer id of a valid token, or null. */
export function readUnsubscribeToken(token: string, secret: string): string | null {
  const [customerId, given] = token.split(".");
  if (!customerId || !given) return null;
  const expected = Buffer.from(signature(customerId, secret));
  const received = Buffer.from(given);
  return expected.length === received.length && timingSafeEqual(expected, received) ? customerId : null;
}
