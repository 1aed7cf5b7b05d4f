// The one way the server writes to its log. Every line is redacted: no email address, phone
// number or configured secret ever reaches the log, and errors are written whole (stack and
// causes) so a failure can be understood without the customer's data.
import { parseEnv } from "@/lib/env";

const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(?::[^\s/@]*)?@/gi;
const EMAIL = /[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE = /\+\d[\d ]{6,16}\d/g;
const SECRET_NAMES = /SECRET|TOKEN|PASSWORD|KEY/;

let secrets: string[] | undefined;

/** The values of every configured secret, longest first (so one is never half-replaced). */
function configuredSecrets(): string[] {
  if (!secrets) {
    const result = parseEnv(process.env);
    const values = result.ok
      ? Object.entries(result.env)
          .filter(([name]) => SECRET_NAMES.test(name))
          .flatMap(([, value]) => (Array.isArray(value) ? value : [value]))
      : [];
    secrets = values
      .filter((value): value is string => typeof value === "string" && value.length >= 8)
      .sort((a, b) => b.length - a.length);
  }
  return secrets;
}

/** Masks addresses, numbers, secrets and URL credentials: "ana@shop.fr" → "[email]", "+33612345678" → "[phone]". */
export function redact(text: string, knownSecrets: readonly string[] = configuredSecrets()): string {
  let safe = text;
  for (const secret of knownSecrets) safe = safe.split(secret).join("[secret]");
  return safe.replace(URL_CREDENTIALS, "$1[credentials]@").replace(EMAIL, "[email]").replace(PHONE, "[phone]");
}

/** A cause that is not an Error (Prisma's driver adapter gives a plain object with the SQLSTATE). */
function describeValue(value: unknown): string {
  if (typeof value !== "object") return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** An error with its stack and its chain of causes, as text. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    parts.push(
      current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : describeValue(current),
    );
    current = current instanceof Error ? current.cause : undefined;
    if (current !== undefined && current !== null) parts.push("Caused by:");
  }
  return parts.join("\n");
}

export function logError(context: string, message: string, error?: unknown): void {
  console.error(redact(`[${context}] ${message}${error === undefined ? "" : `\n${describeError(error)}`}`));
}

export function logWarning(context: string, message: string, error?: unknown): void {
  console.warn(
    redact(
      `[${context}] ${message}${error === undefined ? "" : `: ${error instanceof Error ? error.message : describeValue(error)}`}`,
    ),
  );
}

export function logInfo(context: string, message: string): void {
  console.info(redact(`[${context}] ${message}`));
}
