import { createHash, randomBytes } from "node:crypto";

const PREFIX = "ri_";

export function generateApiToken(): string {
  return `${PREFIX}${randomBytes(24).toString("base64url")}`;
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** What the list shows to tell tokens apart; never enough to use one. */
export function tokenPrefix(token: string): string {
  return token.slice(0, PREFIX.length + 6);
}
