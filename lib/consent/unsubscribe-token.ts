import { createHmac, timingSafeEqual } from "node:crypto";

// Stateless unsubscribe tokens: the customer id and an HMAC of it under LINK_SECRET, so a link
// works forever without a lookup table and cannot be forged for another customer. LINK_SECRET is
// not AUTH_SECRET: rotating the session secret leaves every link already sent working, and
// LINK_SECRETS_PREVIOUS keeps links signed with older link secrets valid during a rotation.
function signature(customerId: string, secret: string): string {
  return createHmac("sha256", secret).update(`unsubscribe:${customerId}`).digest("base64url").slice(0, 32);
}

export function createUnsubscribeToken(customerId: string, secret: string): string {
  return `${customerId}.${signature(customerId, secret)}`;
}

/** The customer id of a token signed with any of the secrets (current first), or null. */
export function readUnsubscribeToken(token: string, secrets: readonly string[]): string | null {
  const [customerId, given, ...rest] = token.split(".");
  if (!customerId || !given || rest.length) return null;
  const received = Buffer.from(given);
  for (const secret of secrets) {
    const expected = Buffer.from(signature(customerId, secret));
    if (expected.length === received.length && timingSafeEqual(expected, received)) return customerId;
  }
  return null;
}
