// Text from outside is cleaned once, where it enters: a lone UTF-16 surrogate (valid in JSON's
// \uD800 escapes, not in UTF-8) breaks PostgreSQL's JSON and text columns, and so does NUL.
// Both become U+FFFD, the replacement character a reader recognises as "something was here".

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NUL = /\u0000/g;

export function cleanUntrustedText(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD").replace(NUL, "\uFFFD");
}

/** The same, through every string (keys included) of a parsed JSON value. */
export function cleanUntrustedJson(value: unknown): unknown {
  if (typeof value === "string") return cleanUntrustedText(value);
  if (Array.isArray(value)) return value.map(cleanUntrustedJson);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [cleanUntrustedText(key), cleanUntrustedJson(child)]),
    );
  }
  return value;
}

/** JSON.parse with the strings cleaned; throws SyntaxError as JSON.parse does. */
export function parseUntrustedJson(text: string): unknown {
  return cleanUntrustedJson(JSON.parse(text));
}
