import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { PasswordCheckBusyError } from "@/lib/auth/password";
import {
  clientAddress,
  recordSignInFailure,
  recordSignInSuccess,
  reserveSignInAttempt,
} from "@/lib/auth/sign-in-throttle";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { ROLES, type Role } from "@/lib/auth/permissions";

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

const MAX_EMAIL_LENGTH = 320;
// bcrypt reads 72 bytes; a longer "password" is only a way to make the server work.
const MAX_PASSWORD_LENGTH = 1024;

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
          // No address is this long, and no key of the throttle either.
          if (credentials.email.length > MAX_EMAIL_LENGTH || credentials.password.length > MAX_PASSWORD_LENGTH)
            return null;
          // Counted before the password is hashed: a refused guess costs no CPU.
          const subject = { account: credentials.email, address: clientAddress(request?.headers ?? {}) };
          const reservation = await reserveSignInAttempt(subject);
          if (!reservation.allowed) throw new Error(`${TOO_MANY_ATTEMPTS}:${reservation.retryAfterSeconds}`);
          try {
            const user = await verifyCredentials(credentials.email, credentials.password);
            if (user) await recordSignInSuccess(subject);
            else await recordSignInFailure(subject);
            return user;
          } catch (error) {
            if (error instanceof PasswordCheckBusyError) throw new Error(`${TOO_MANY_ATTEMPTS}:5`);
            throw error;
          }
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
