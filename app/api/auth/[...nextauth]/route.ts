import NextAuth from "next-auth";
import { authOptions, TOO_MANY_ATTEMPTS } from "@/lib/auth/auth-options";
import { withThrottleStatus } from "@/lib/auth/sign-in-throttle";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, context: RouteContext) {
  return NextAuth(authOptions())(request, context);
}

async function post(request: Request, context: RouteContext) {
  return withThrottleStatus(await handler(request, context), TOO_MANY_ATTEMPTS);
}

export { handler as GET, post as POST };
