// Runs before every page (not the API: webhook bodies must reach their routes unbuffered).
// 1. Browser protections: a Content-Security-Policy with a fresh nonce, which Next.js puts on
//    its own scripts, and HSTS on https.
// 2. Signed-out visitors of staff pages go to the sign-in page, keeping where they were going.
//    Pages and actions still check the user and role on the server; this only makes the
//    redirect carry the callback URL, which layouts cannot know.
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { env } from "@/lib/env";
import { pageContentSecurityPolicy, strictTransportSecurity } from "@/lib/http/security-headers";

const STAFF_PATHS = ["/inbox", "/templates", "/reports", "/settings", "/users", "/account", "/forbidden"];

function isStaffPath(pathname: string): boolean {
  return STAFF_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

export async function proxy(request: NextRequest) {
  const { APP_URL, AUTH_SECRET, NODE_ENV } = env();
  const https = APP_URL.startsWith("https:");
  const nonce = btoa(crypto.randomUUID());
  const csp = pageContentSecurityPolicy({ nonce, https, development: NODE_ENV === "development" });

  let response: NextResponse;
  if (isStaffPath(request.nextUrl.pathname) && !(await getToken({ req: request, secret: AUTH_SECRET }))) {
    const signIn = new URL("/signin", request.url);
    signIn.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
    response = NextResponse.redirect(signIn);
  } else {
    const headers = new Headers(request.headers);
    headers.set("x-nonce", nonce);
    headers.set("content-security-policy", csp);
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set("content-security-policy", csp);
  const hsts = strictTransportSecurity(https);
  if (hsts) response.headers.set("strict-transport-security", hsts);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)" }],
};
