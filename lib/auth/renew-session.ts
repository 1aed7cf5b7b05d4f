import "server-only";
import { cookies } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/auth-options";
import { env } from "@/lib/env";

/**
 * After changing their own password, the user's current session is issued again with the new
 * session version, so only their other sessions end. Same cookie as next-auth's own.
 */
export async function renewOwnSession(sessionVersion: number): Promise<void> {
  const { APP_URL, AUTH_SECRET } = env();
  const secure = APP_URL.startsWith("https:");
  const name = `${secure ? "__Secure-" : ""}next-auth.session-token`;
  const jar = await cookies();
  const current = jar.get(name)?.value;
  const token = current ? await decode({ token: current, secret: AUTH_SECRET }) : null;
  if (!token) return;
  const renewed = await encode({
    token: { ...token, sessionVersion },
    secret: AUTH_SECRET,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  jar.set(name, renewed, { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: SESSION_MAX_AGE_SECONDS });
}
