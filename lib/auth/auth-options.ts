import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { clientAddress, recordSignInSuccess, reserveSignInAttempt } from "@/lib/auth/sign-in-throttle";
import { verifyCredentials } from "@/lib/users/verify-credentials";
import { ROLES, type Role } from "@/lib/auth/permissions";

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/** The error a throttled sign-in carries to the form: "TooManyAttempts:<seconds to wait>". */
export const TOO_MANY_ATTEMPTS = "TooManyAttempts";

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
        async authorize(credentials, request) {
          if (!credentials?.email || !credentials.password) return null;
          // Counted before the password is hashed: a refused guess costs no CPU.
          const subject = { account: credentials.email, address: clientAddress(request?.headers ?? {}) };
          const reservation = await reserveSignInAttempt(subject);
          if (!reservation.allowed) throw new Error(`${TOO_MANY_ATTEMPTS}:${reservation.retryAfterSeconds}`);
          const user = await verifyCredentials(credentials.email, credentials.password);
          if (user) await recordSignInSuccess(subject);
          return user;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.role = user.role;
          token.sessionVersion = user.sessionVersion;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.sub && ROLES.includes(token.role as Role)) {
          session.user.id = token.sub;
          session.user.role = token.role as Role;
          session.user.sessionVersion = token.sessionVersion ?? 0;
        }
        return session;
      },
    },
  };
}
