import { expect, test, type PlaywrightWorkerArgs } from "@playwright/test";
import { DEMO } from "../support/sign-in";

// #11, from outside, against a production build on a public https APP_URL (served here over
// plain http, so only HTTP requests, no browser): a new real installation has no published
// password, throttles guessing, and sends the browser protections, HSTS included.

test.describe.configure({ mode: "serial" });

/** A sign-in attempt as next-auth's own form posts it, from a fresh client each time; the CSRF cookie is sent by hand (it is Secure). */
async function signInAttempt(playwright: PlaywrightWorkerArgs["playwright"], email: string, password: string) {
  const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const csrf = await request.get("/api/auth/csrf");
  const cookie = (csrf.headers()["set-cookie"] ?? "")
    .split("\n")
    .map((line) => line.split(";")[0])
    .join("; ");
  const { csrfToken } = await csrf.json();
  const response = await request.post("/api/auth/callback/credentials", {
    headers: { cookie, "x-forwarded-for": "203.0.113.9" },
    form: { email, password, csrfToken, json: "true" },
    maxRedirects: 0,
  });
  return { status: response.status(), headers: response.headers(), body: await response.json().catch(() => null) };
}

test("pages carry HSTS and a CSP that upgrades insecure requests", async ({ request }) => {
  const response = await request.get("/first-run");
  expect(response.status()).toBe(200);
  expect(response.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  expect(response.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
  expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(response.headers()["x-frame-options"]).toBe("DENY");
});

test("a new installation sends sign-in to the first-run page, which asks for the set-up code", async ({ request }) => {
  const signIn = await request.get("/signin", { maxRedirects: 0 });
  expect(signIn.status()).toBe(307);
  expect(signIn.headers().location).toBe("/first-run");
  const page = await (await request.get("/first-run")).text();
  expect(page).toContain("Create the first admin");
  expect(page).toContain("Set-up code");
});

test("the demo's published passwords do not open a real installation, even seeded by an earlier version", async ({
  playwright,
}) => {
  for (const role of ["admin", "agent"] as const) {
    const response = await signInAttempt(playwright, DEMO[role].email, DEMO[role].password);
    expect(response.status, role).toBe(401);
    expect(response.body.url, role).toContain("error=CredentialsSignin");
  }
});

test("30 wrong passwords in a row: 5 are checked, then one per growing delay, the rest refused with 429 and Retry-After", async ({
  playwright,
}) => {
  const attempts = [];
  for (let i = 0; i < 30; i++) {
    const startedAt = Date.now();
    attempts.push({ startedAt, ...(await signInAttempt(playwright, "owner@atelier-lune.example", `guess-${i}`)) });
  }
  expect(attempts.slice(0, 5).map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
  // After 5 failures a password is checked again only once the delay has passed: 1 s, then 2 s, 4 s...
  // (a slow machine may let one or two through; a fast one none).
  const checked = attempts.filter((a) => a.status === 401);
  let delayMs = 1000;
  for (let i = 5; i < checked.length; i++, delayMs *= 2)
    expect(checked[i]!.startedAt - checked[i - 1]!.startedAt).toBeGreaterThanOrEqual(delayMs);
  const refused = attempts.filter((a) => a.status === 429);
  expect(refused.length + checked.length).toBe(30);
  expect(refused.length).toBeGreaterThanOrEqual(20);
  for (const attempt of refused) expect(Number(attempt.headers["retry-after"])).toBeGreaterThan(0);
});

test("a sign-in body over 16 KB is refused with 413 before next-auth reads it", async ({ request }) => {
  const response = await request.post("/api/auth/callback/credentials", {
    form: { email: "owner@atelier-lune.example", password: "x".repeat(20_000), csrfToken: "x" },
  });
  expect(response.status()).toBe(413);
});
