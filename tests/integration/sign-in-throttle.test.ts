import { beforeEach, describe, expect, it, vi } from "vitest";
import { authOptions, TOO_MANY_ATTEMPTS } from "@/lib/auth/auth-options";
import { hashPassword } from "@/lib/auth/password";
import {
  ACCOUNT_POLICY,
  delayAfterFailure,
  pruneSignInThrottle,
  recordSignInSuccess,
  reserveSignInAttempt,
  withThrottleStatus,
} from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";

// #11: sign-in throttling per account and per client address, kept in PostgreSQL, checked before
// the password is hashed.

const hashes = vi.hoisted(() => ({ checked: 0 }));
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/auth/password")>();
  return {
    ...actual,
    verifyPassword: (plain: string, hash: string) => (hashes.checked++, actual.verifyPassword(plain, hash)),
  };
});

beforeEach(async () => {
  await truncateAllTables();
  hashes.checked = 0;
});

type Authorize = (
  credentials: Record<string, string>,
  request: { headers: Record<string, string> },
) => Promise<unknown>;
const authorize = (authOptions().providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
const attempt = (email: string, password: string, address = "198.51.100.7") =>
  authorize({ email, password }, { headers: { "x-forwarded-for": `203.0.113.250, ${address}` } }).then(
    (user) => ({ user, error: null as string | null }),
    (error: Error) => ({ user: null, error: error.message }),
  );

async function makeUser(email = "ana@atelier-lune.fr", password = "the-right-password") {
  return db.user.create({ data: { email, name: "Ana", role: "agent", passwordHash: await hashPassword(password) } });
}

describe("sign-in throttling", () => {
  it("refuses 25 of 30 rapid wrong passwords for one account without hashing them", async () => {
    await makeUser();
    const results = [];
    for (let i = 0; i < 30; i++) results.push(await attempt("ana@atelier-lune.fr", `guess-${i}`));
    const refused = results.filter((r) => r.error?.startsWith(`${TOO_MANY_ATTEMPTS}:`));
    expect(results.slice(0, 5).every((r) => r.error === null && r.user === null)).toBe(true);
    expect(refused).toHaveLength(25);
    expect(hashes.checked).toBe(5);
  });

  it("lets only the free attempts through when 30 guesses arrive at once", async () => {
    await makeUser();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => attempt("ana@atelier-lune.fr", `guess-${i}`)),
    );
    expect(results.filter((r) => r.error === null)).toHaveLength(5);
    expect(hashes.checked).toBe(5);
  });

  it("counts an unknown email like a known one (no hash spent once throttled)", async () => {
    for (let i = 0; i < 12; i++) await attempt("nobody@atelier-lune.fr", "x");
    expect(hashes.checked).toBe(5);
  });

  it("grows the delay, locks at 20 failures with a clear wait, and lets the right password in after the lock", async () => {
    const subject = { account: "ana@atelier-lune.fr", address: "198.51.100.7" };
    let now = new Date("2026-11-29T10:00:00Z");
    const waits: number[] = [];
    for (let failures = 1; failures <= 20; failures++) {
      expect(await reserveSignInAttempt(subject, now), `attempt ${failures}`).toEqual({ allowed: true });
      const row = await db.signInThrottle.findUniqueOrThrow({ where: { key: "account:ana@atelier-lune.fr" } });
      const wait = (row.nextAttemptAt.getTime() - now.getTime()) / 1000;
      waits.push(wait);
      if (wait > 0) {
        // From another address each time, so the probes do not add up on this one.
        const early = await reserveSignInAttempt(
          { ...subject, address: `192.0.2.${failures}` },
          new Date(now.getTime() + wait * 1000 - 500),
        );
        expect(early, `attempt ${failures + 1}, half a second early`).toEqual({ allowed: false, retryAfterSeconds: 1 });
      }
      now = new Date(now.getTime() + wait * 1000);
    }
    expect(waits.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(waits.slice(4, 8)).toEqual([1, 2, 4, 8]);
    expect(waits.slice(12, 19)).toEqual([256, 300, 300, 300, 300, 300, 300]);
    expect(waits.at(-1)).toBe(15 * 60);
    expect(waits).toEqual(Array.from({ length: 20 }, (_, i) => delayAfterFailure(i + 1, ACCOUNT_POLICY)));
    // The lock is over: the next attempt is checked, and a success starts the account afresh.
    expect(await reserveSignInAttempt(subject, now)).toEqual({ allowed: true });
    await recordSignInSuccess(subject);
    expect(await db.signInThrottle.findUnique({ where: { key: "account:ana@atelier-lune.fr" } })).toBeNull();
  });

  it("signs in with the right password once the lock has passed", async () => {
    await makeUser();
    await db.signInThrottle.create({
      data: {
        key: "account:ana@atelier-lune.fr",
        failures: 20,
        windowStartsAt: new Date(Date.now() - 20 * 60_000),
        nextAttemptAt: new Date(Date.now() - 1000),
      },
    });
    const result = await attempt("ana@atelier-lune.fr", "the-right-password");
    expect(result.user).toMatchObject({ email: "ana@atelier-lune.fr" });
  });

  it("throttles one address guessing across many accounts", async () => {
    const results = [];
    for (let i = 0; i < 25; i++) results.push(await attempt(`user-${i}@atelier-lune.fr`, "x", "192.0.2.99"));
    expect(results.filter((r) => r.error)).toHaveLength(5);
    // Another address is not slowed by it.
    expect((await attempt("user-0@atelier-lune.fr", "x", "192.0.2.100")).error).toBeNull();
  });

  it("never cuts a lock short, forgets failures an hour after the last one, and prunes rows untouched for a day", async () => {
    const now = new Date("2026-11-29T12:00:00Z");
    const minutes = (m: number) => new Date(now.getTime() + m * 60_000);
    // Locked at the 20th failure, 5 minutes ago, in a run of failures that began 2 hours ago.
    await db.signInThrottle.create({
      data: {
        key: "account:ana@atelier-lune.fr",
        failures: 20,
        windowStartsAt: minutes(-120),
        nextAttemptAt: minutes(10),
        updatedAt: minutes(-5),
      },
    });
    const subject = { account: "ana@atelier-lune.fr", address: "198.51.100.7" };
    expect(await reserveSignInAttempt(subject, now)).toEqual({ allowed: false, retryAfterSeconds: 600 });
    // Once the lock is over, a failure within the hour counts on from 20: locked again.
    expect(await reserveSignInAttempt({ ...subject, address: "192.0.2.1" }, minutes(11))).toEqual({ allowed: true });
    expect(
      (await db.signInThrottle.findUniqueOrThrow({ where: { key: "account:ana@atelier-lune.fr" } })).failures,
    ).toBe(21);
    // An hour after the last failure, the count starts again.
    expect(await reserveSignInAttempt({ ...subject, address: "192.0.2.2" }, minutes(80))).toEqual({ allowed: true });
    expect(
      (await db.signInThrottle.findUniqueOrThrow({ where: { key: "account:ana@atelier-lune.fr" } })).failures,
    ).toBe(1);
    expect(await pruneSignInThrottle(minutes(80 + 25 * 60))).toBe(1);
  });

  it("keeps the address's failures after a success: one valid account buys no extra guesses", async () => {
    await makeUser();
    for (let i = 0; i < 19; i++) await attempt(`user-${i}@atelier-lune.fr`, "x", "192.0.2.50");
    await attempt("ana@atelier-lune.fr", "the-right-password", "192.0.2.50");
    expect((await db.signInThrottle.findUniqueOrThrow({ where: { key: "address:192.0.2.50" } })).failures).toBe(19);
  });

  it("never slows an office that signs its whole team in from one address", async () => {
    const team = await Promise.all(Array.from({ length: 25 }, (_, i) => makeUser(`agent-${i}@atelier-lune.fr`)));
    const results = [];
    for (const user of team) results.push(await attempt(user.email, "the-right-password", "192.0.2.60"));
    expect(results.filter((r) => r.user !== null)).toHaveLength(25);
  }, 60_000);

  it("refuses an absurdly long email without counting or hashing it", async () => {
    expect((await attempt(`${"a".repeat(400)}@atelier-lune.fr`, "x")).user).toBeNull();
    expect(await db.signInThrottle.count()).toBe(0);
    expect(hashes.checked).toBe(0);
  });
});

describe("withThrottleStatus", () => {
  const nextAuthAnswer = (error: string) =>
    Response.json({ url: `http://localhost:3000/signin?error=${encodeURIComponent(error)}` }, { status: 401 });

  it("turns next-auth's 401 for a throttled attempt into 429 with Retry-After, same body", async () => {
    const response = await withThrottleStatus(nextAuthAnswer(`${TOO_MANY_ATTEMPTS}:120`), TOO_MANY_ATTEMPTS);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("120");
    expect((await response.json()).url).toContain("error=TooManyAttempts%3A120");
  });

  it("leaves a wrong password a 401", async () => {
    expect((await withThrottleStatus(nextAuthAnswer("CredentialsSignin"), TOO_MANY_ATTEMPTS)).status).toBe(401);
  });
});
