import { createHmac, timingSafeEqual } from "node:crypto";

/** X-Shopify-Hmac-Sha256 is base64(HMAC-SHA256(secret, raw body)); compared in constant time. */
export function verifyShopifyHmac(rawBody: Buffer | string, hmacHeader: string | null, secret: string): boolean {
  if (!hmacHeader) return false;
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  let received: Buffer;
  try {
    received = Buffer.from(hmacHeader, "base64");
  } catch {
    return false;
  }
  return received.length === expected.length && timingSafeEqual(received, expected);
}
