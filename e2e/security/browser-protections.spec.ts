import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, signInAs } from "../support/sign-in";

// #11: every page and route carries the browser protections, and every page still works under
// them: no Content-Security-Policy violation, no console error.

function watchForViolations(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

async function collectCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as unknown as { __cspViolations: string[] }).__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __cspViolations: string[] }).__cspViolations.push(
        `${event.violatedDirective} ${event.blockedURI}`,
      );
    });
  });
}

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

test("pages carry a nonce-based CSP, framing protection, nosniff and a referrer policy", async ({ request }) => {
  for (const path of ["/signin", "/u/not-a-token"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    const csp = response.headers()["content-security-policy"] ?? "";
    expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).not.toContain("unsafe-eval");
    expect(response.headers()["x-frame-options"], path).toBe("DENY");
    expect(response.headers()["x-content-type-options"], path).toBe("nosniff");
    expect(response.headers()["referrer-policy"], path).toBe("same-origin");
    // http://localhost: no HSTS (the public-address spec checks it on https).
    expect(response.headers()["strict-transport-security"], path).toBeUndefined();
  }
  const first = (await request.get("/signin")).headers()["content-security-policy"];
  const second = (await request.get("/signin")).headers()["content-security-policy"];
  expect(first).not.toBe(second);
  const api = await request.get("/api/health");
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
});

test("every page works under the policy, with no violation and no console error", async ({ page }) => {
  test.setTimeout(90_000);
  await collectCspViolations(page);
  const problems = watchForViolations(page);
  await page.goto("/signin");
  await expect(page.getByRole("heading", { name: "Sign in to Reply Inbox" })).toBeVisible();
  await signInAs(page, "admin");

  const conversation = page.getByTestId("conversation-row").first();
  await expect(conversation).toBeVisible();
  await conversation.click();
  await expect(page.getByTestId("thread-message").first()).toBeVisible();
  const formatted = page.getByRole("button", { name: "Show formatted" }).first();
  if (await formatted.isVisible()) await formatted.click();

  for (const [path, heading] of [
    ["/inbox/search?q=commande", "Search"],
    ["/saved-replies", "Saved replies"],
    ["/templates", "Templates"],
    ["/templates/queue", "Approval queue"],
    ["/reports", "Reports"],
    ["/settings", "Settings"],
    ["/users", "Users"],
    ["/connections", "Connections"],
    ["/audit", "Audit log"],
    ["/account", "Your account"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading }), path).toBeVisible();
  }
  await page.goto("/templates");
  await page
    .getByRole("link", { name: /Abandoned checkout/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");

  expect(await violations(page)).toEqual([]);
  expect(problems).toEqual([]);
});

test("a link that tries to send the user to another site after sign-in lands in the inbox", async ({
  page,
  baseURL,
}) => {
  // Five sign-ins in a row (a bcrypt check each): room on a loaded 2-core machine.
  test.setTimeout(90_000);
  for (const attack of [
    "/%5Cevil.example",
    "/%09/evil.example",
    "//evil.example",
    "https://evil.example/inbox",
    "/%2F%2Fevil.example",
  ]) {
    await page.context().clearCookies();
    await page.goto(`/signin?callbackUrl=${attack}`);
    await signIn(page, DEMO.agent.email, DEMO.agent.password);
    await expect(page, attack).toHaveURL(`${baseURL}/inbox`);
  }
});
