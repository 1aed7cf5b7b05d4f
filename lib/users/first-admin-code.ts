import { createHmac } from "node:crypto";

/**
 * The first-run set-up code, derived from AUTH_SECRET: only who can read the server's
 * configuration (its output, its .env.local) knows it. Pure, so `npm run setup` prints it too.
 */
export function firstRunCode(secret: string): string {
  const digest = createHmac("sha256", secret).update("reply-inbox:first-run").digest();
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const chars = Array.from(digest.subarray(0, 12), (byte) => alphabet[byte % alphabet.length]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}
