import { readFileSync } from "node:fs";
import path from "node:path";
import twilio from "twilio";

export const TWILIO_TEST = {
  sid: `AC${"2".repeat(32)}`,
  token: "twilio-test-auth-token",
  from: "+33757000111",
  appUrl: "https://inbox.atelier-lune.example",
};

export function twilioFixture(name: string): Record<string, string> {
  return Object.fromEntries(
    new URLSearchParams(readFileSync(path.join(import.meta.dirname, "../fixtures", name), "utf8").trim()),
  );
}

/** A Twilio webhook as Twilio sends it, signed with the twilio package's own helper. */
export function twilioRequest(
  routePath: string,
  params: Record<string, string>,
  options: { signature?: string | null; token?: string; contentType?: string; rawBody?: string } = {},
): Request {
  const url = `${TWILIO_TEST.appUrl}${routePath}`;
  const signature =
    options.signature === undefined
      ? twilio.getExpectedTwilioSignature(options.token ?? TWILIO_TEST.token, url, params)
      : options.signature;
  const headers: Record<string, string> = {
    "content-type": options.contentType ?? "application/x-www-form-urlencoded",
  };
  if (signature) headers["x-twilio-signature"] = signature;
  // The app sits behind a proxy: the request reaches it on an internal address.
  return new Request(`http://10.0.0.5:3000${routePath}`, {
    method: "POST",
    headers,
    body: options.rawBody ?? new URLSearchParams(params).toString(),
  });
}
