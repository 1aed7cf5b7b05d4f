import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { parseUntrustedJson } from "@/lib/http/clean-untrusted-text";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Postmark webhooks carry HTTP basic auth (POSTMARK_WEBHOOK_USER/PASSWORD); 401 otherwise. */
export function verifyPostmarkBasicAuth(headers: Headers): void {
  const { POSTMARK_WEBHOOK_USER, POSTMARK_WEBHOOK_PASSWORD } = env();
  if (!POSTMARK_WEBHOOK_USER || !POSTMARK_WEBHOOK_PASSWORD)
    throw new AppError(
      "unauthenticated",
      "Postmark webhooks are not configured: set POSTMARK_WEBHOOK_USER and POSTMARK_WEBHOOK_PASSWORD.",
    );
  const header = headers.get("authorization") ?? "";
  const given = header.startsWith("Basic ") ? Buffer.from(header.slice(6), "base64").toString("utf8") : "";
  if (!timingSafeEqual(digest(given), digest(`${POSTMARK_WEBHOOK_USER}:${POSTMARK_WEBHOOK_PASSWORD}`))) {
    throw new AppError("unauthenticated", "Missing or wrong basic auth credentials.");
  }
}

/** A JSON body, with clear 4xx errors for the wrong type or syntax. */
export function parseJsonBody(body: Buffer, headers: Headers): unknown {
  if (!(headers.get("content-type") ?? "").includes("application/json"))
    throw new AppError("bad_request", "Expected application/json, as Postmark sends.");
  try {
    return parseUntrustedJson(body.toString("utf8"));
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
}
