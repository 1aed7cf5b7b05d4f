// Where a user may be sent after signing in: a path of this app, never another site. The value
// is parsed the way browsers parse it (tabs and newlines dropped, "\" read as "/"), then its
// origin must be the app's. Pure: the sign-in page checks it on the server and the form again in
// the browser.
export const DEFAULT_AFTER_SIGN_IN = "/inbox";

const BASE = "http://app.invalid";

export function safeRedirectPath(value: string | null | undefined, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (!value || value.length > 2000 || !value.startsWith("/")) return fallback;
  // Control characters and backslashes have no business in a path we produce ourselves.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "//host" would be read as another site by whoever follows it.
  if (path.startsWith("//") || path.startsWith("/\\")) return fallback;
  // Encoded slashes or backslashes at the start are decoded by some proxies into "//host".
  if (/^\/(%2f|%5c)/i.test(path)) return fallback;
  return path;
}
