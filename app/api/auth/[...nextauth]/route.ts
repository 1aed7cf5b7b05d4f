import { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { authOptions, TOO_MANY_ATTEMPTS } from "@/lib/auth/auth-options";
import { withThrottleStatus } from "@/lib/auth/sign-in-throttle";
import { errorResponse } from "@/lib/http/json-response";
import { readBody } from "@/lib/http/read-body";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// A sign-in form is a few hundred bytes.
const MAX_AUTH_BODY_BYTES = 16 * 1024;

async function handler(request: Request, context: RouteContext) {
  return NextAuth(authOptions())(request, context);
}

async function post(request: Request, context: RouteContext) {
  let capped: NextRequest;
  try {
    // A NextRequest again: next-auth reads its nextUrl.
    capped = new NextRequest(request.url, {
      method: "POST",
      headers: request.headers,
      body: new Uint8Array(await readBody(request, MAX_AUTH_BODY_BYTES)),
    });
  } catch (error) {
    return errorResponse(error, "sign-in");
  }
  return withThrottleStatus(await handler(capped, context), TOO_MANY_ATTEMPTS);
}

export { handler as GET, post as POST };
