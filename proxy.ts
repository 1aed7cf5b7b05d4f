// Signed-out visitors of staff pages go to the sign-in page, keeping where they were going.
// Pages and actions still check the user and role on the server; this only makes the
// redirect carry the callback URL, which layouts cannot know.
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { env } from "@/lib/env";

export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: env().AUTH_SECRET });
  if (token) return NextResponse.next();
  const signIn = new URL("/signin", request.url);
  signIn.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/inbox/:path*", "/templates/:path*", "/reports/:path*", "/settings/:path*", "/users/:path*", "/forbidden"],
};
