import "server-only";
import { randomBytes } from "node:crypto";

/** A conversation's MailboxHash: the part after "+" in the Reply-To we send, so replies find their thread. */
export function newMailboxHash(): string {
  return randomBytes(9).toString("base64url");
}
