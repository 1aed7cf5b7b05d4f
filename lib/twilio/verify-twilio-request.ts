import "server-only";
import twilio from "twilio";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { cleanUntrustedText } from "@/lib/http/clean-untrusted-text";

/** Twilio's form posts are a few KB; anything near this is not Twilio. */
export const MAX_TWILIO_BODY_BYTES = 64 * 1024;

/**
 * Checks X-Twilio-Signature with the twilio package, against the public URL (APP_URL + path)
 * so it works behind a proxy. 403 when it does not match.
 */
export function verifyTwilioSignature({ body, headers, url }: { body: Buffer; headers: Headers; url: URL }): void {
  const { TWILIO_AUTH_TOKEN, APP_URL } = env();
  if (!TWILIO_AUTH_TOKEN)
    throw new AppError(
      "forbidden",
      "SMS is not configured: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER.",
    );
  if (!(headers.get("content-type") ?? "").includes("application/x-www-form-urlencoded")) {
    throw new AppError("bad_request", "Expected application/x-www-form-urlencoded, as Twilio sends.");
  }
  const params = Object.fromEntries(new URLSearchParams(body.toString("utf8")));
  const publicUrl = `${APP_URL.replace(/\/$/, "")}${url.pathname}${url.search}`;
  const signature = headers.get("x-twilio-signature");
  if (!signature || !twilio.validateRequest(TWILIO_AUTH_TOKEN, signature, publicUrl, params)) {
    throw new AppError("forbidden", "Invalid or missing X-Twilio-Signature.");
  }
}

/** A Twilio form post's parameters, cleaned for storage (the signature covers the raw values). */
export function twilioParams(body: Buffer): Record<string, string> {
  return Object.fromEntries(
    [...new URLSearchParams(body.toString("utf8"))].map(([key, value]) => [key, cleanUntrustedText(value)]),
  );
}
