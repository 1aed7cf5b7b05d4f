// The page Content-Security-Policy and HSTS, applied by proxy.ts per request (a fresh nonce each
// time, HSTS only on an https APP_URL). Headers that never change are in next.config.mjs. Pure.

export type PagePolicyOptions = { nonce: string; https: boolean; development: boolean };

/**
 * The Content-Security-Policy of the app's pages. Scripts run only with this request's nonce
 * (Next.js puts it on its own scripts) and what they load ('strict-dynamic'); no eval outside
 * development. Styles allow inline attributes (React and the charts set them). Images from https
 * are allowed because the sandboxed mail iframe inherits this policy and "Show images" must work;
 * the iframe adds its own stricter policy on top.
 */
export function pageContentSecurityPolicy({ nonce, https, development }: PagePolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "frame-src 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** HSTS only makes sense, and is only honoured, on an https address. */
export function strictTransportSecurity(https: boolean): string | null {
  return https ? "max-age=63072000; includeSubDomains" : null;
}
