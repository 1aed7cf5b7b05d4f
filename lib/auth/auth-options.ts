import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { verifyCredentials } from "@/lib/users/verify-credentials";
import { ROLES, type Role } from "@/lib/auth/permissions";

const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/** Built on demand: next build loads route modules without the runtime environment. */
export function authOptions(): NextAuthOptions {
  return {
    secret: env().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials) {
          if (!credentials?.email || !credentials.password) return null;
          return verifyCredentials(credentials.email, credentials.password);
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.role = user.role;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.sub && ROLES.includes(token.role as Role)) {
          session.user.id = token.sub;
          session.user.role = token.role as Role;
        }
        return session;
      },
    },
  };
}
