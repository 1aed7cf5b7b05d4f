import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

// Sign-in throttling per account and per client address, shared by every app instance through
// PostgreSQL, checked before the password is hashed so a refused guess costs no bcrypt.
// - Account: each attempt is reserved (counted as a failure) in one atomic statement before the
//   check, so concurrent guesses at one account cannot slip past the count; a right password
//   clears it.
// - Address: only failures count (an office signing its team in is not an attack), recorded
//   after the check; a throttled address is refused before it. Concurrent guesses from one
//   address are bounded by the password checks' own queue (lib/auth/password.ts).

export type ThrottlePolicy = { freeFailures: number; lockAtFailures: number };

/** 5 failures for one account, then a growing delay; 20, a 15-minute lock. Looser per address (an office shares one). */
export const ACCOUNT_POLICY: ThrottlePolicy = { freeFailures: 5, lockAtFailures: 20 };
export const ADDRESS_POLICY: ThrottlePolicy = { freeFailures: 20, lockAtFailures: 100 };

/** Failures are forgotten an hour after the last one. */
const WINDOW_SECONDS = 60 * 60;
const LOCK_SECONDS = 15 * 60;
const MAX_DELAY_SECONDS = 5 * 60;

/** Seconds to wait after the nth failure: none, then 1, 2, 4 … up to 5 minutes, then the lock. */
export function delayAfterFailure(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  if (failures >= policy.lockAtFailures) return LOCK_SECONDS;
  return Math.min(2 ** (failures - policy.freeFailures), MAX_DELAY_SECONDS);
}

export type ThrottleSubject = { account: string; address: string };

export type Reservation = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;

/**
 * Counts one failure for the key. With `onlyWhenAllowed`, only if the key need not wait (and then
 * says whether it was counted): the reservation of an attempt.
 */
async function countFailure(
  key: string,
  policy: ThrottlePolicy,
  now: Date,
  onlyWhenAllowed: boolean,
): Promise<Reservation> {
  // The delay after the new count, as SQL over that count (f).
  const delay = (f: string) =>
    `make_interval(secs => CASE WHEN ${f} < ${policy.freeFailures} THEN 0 WHEN ${f} >= ${policy.lockAtFailures} THEN ${LOCK_SECONDS} ELSE LEAST(power(2, ${f} - ${policy.freeFailures}), ${MAX_DELAY_SECONDS}) END)`;
  // Timestamps are stored as UTC without a zone, as Prisma writes them.
  const at = `($2::timestamptz AT TIME ZONE 'UTC')`;
  const restarts = `t."updatedAt" < ${at} - make_interval(secs => ${WINDOW_SECONDS})`;
  const next = `CASE WHEN ${restarts} THEN 1 ELSE t.failures + 1 END`;
  const rows = await db.$queryRawUnsafe<{ failures: number }[]>(
    `INSERT INTO "SignInThrottle" AS t (key, failures, "windowStartsAt", "nextAttemptAt", "updatedAt")
     VALUES ($1, 1, ${at}, ${at} + ${delay("1")}, ${at})
     ON CONFLICT (key) DO UPDATE SET
       failures = ${next},
       "windowStartsAt" = CASE WHEN ${restarts} THEN ${at} ELSE t."windowStartsAt" END,
       "nextAttemptAt" = ${at} + ${delay(next)},
       "updatedAt" = ${at}
     ${onlyWhenAllowed ? `WHERE t."nextAttemptAt" <= ${at}` : ""}
     RETURNING failures`,
    key,
    now.toISOString(),
  );
  return rows.length ? { allowed: true } : waitFor(key, now);
}

async function waitFor(key: string, now: Date): Promise<Reservation> {
  const row = await db.signInThrottle.findUnique({ where: { key }, select: { nextAttemptAt: true } });
  const wait = (row?.nextAttemptAt.getTime() ?? now.getTime()) - now.getTime();
  return wait > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000) } : { allowed: true };
}

/** Before checking a password: the address must not be throttled, and the attempt is reserved on the account. */
export async function reserveSignInAttempt(subject: ThrottleSubject, now = new Date()): Promise<Reservation> {
  const byAddress = await waitFor(addressKey(subject.address), now);
  if (!byAddress.allowed) return byAddress;
  return countFailure(accountKey(subject.account), ACCOUNT_POLICY, now, true);
}

/** A wrong password (or set-up code): one more failure for the address it came from. */
export async function recordSignInFailure(subject: ThrottleSubject, now = new Date()): Promise<void> {
  await countFailure(addressKey(subject.address), ADDRESS_POLICY, now, false);
}

/** After a right password the account starts afresh; the address's failures stay counted. */
export async function recordSignInSuccess(subject: ThrottleSubject): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: accountKey(subject.account) } });
}

/** For an admin who locked themselves out (npm run user:unlock): the account's count is cleared. */
export async function clearAccountThrottle(email: string): Promise<boolean> {
  return (await db.signInThrottle.deleteMany({ where: { key: accountKey(email) } })).count > 0;
}

/** Rows nobody has touched for a day are history: the dispatcher's run removes them. */
export async function pruneSignInThrottle(now = new Date()): Promise<number> {
  return (
    await db.signInThrottle.deleteMany({ where: { updatedAt: { lt: new Date(now.getTime() - 24 * 60 * 60 * 1000) } } })
  ).count;
}

/**
 * The client's address as the trusted proxies saw it. Each proxy appends the address it received
 * from to X-Forwarded-For, so with `hops` proxies in front of the app (TRUSTED_PROXY_HOPS, 1 by
 * default: one reverse proxy) the client is that many entries from the end; anything before it
 * was written by the client and is ignored.
 */
export function clientAddress(
  headers: Headers | Record<string, string | string[] | undefined>,
  hops = env().TRUSTED_PROXY_HOPS,
): string {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : ([headers[name]].flat()[0] ?? null));
  const entries = (get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  return entries.at(-Math.max(hops, 1)) ?? entries[0] ?? "unknown";
}

/**
 * next-auth answers a refused sign-in with 401 and the error in a URL. A throttled one is given
 * its proper status, 429 with Retry-After; the body stays what next-auth's client reads.
 */
export async function withThrottleStatus(response: Response, errorPrefix: string): Promise<Response> {
  if (response.status !== 401 || !(response.headers.get("content-type") ?? "").includes("json")) return response;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { url?: string } | null;
  const error = body?.url ? new URL(body.url, "http://x").searchParams.get("error") : null;
  if (!error?.startsWith(`${errorPrefix}:`)) return response;
  const headers = new Headers(response.headers);
  headers.set("retry-after", error.slice(errorPrefix.length + 1));
  return new Response(await response.text(), { status: 429, headers });
}
