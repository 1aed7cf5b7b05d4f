import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, context: RouteContext) {
  return NextAuth(authOptions())(request, context);
}

export { handler as GET, handler as POST };
