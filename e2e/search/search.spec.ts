import { expect, test } from "@playwright/test";
import { signInAs } from "../support/sign-in";

test("an agent searches without accents, lands on the message in its thread", async ({ page }) => {
  await signInAs(page, "agent");
  // The inbox's search box and "/" lead here; the search runs on load.
  await page.goto("/inbox/search?q=fele");
  const hit = page.getByTestId("search-message").filter({ hasText: "Hugo Bernard" });
  await expect(hit).toBeVisible();
  await expect(hit.locator("mark")).toHaveText("fêlé");
  const href = await hit.getAttribute("href");
  // Ids are opaque: cuids from Prisma, UUIDs from the dispatcher's set-based inserts.
  expect(href).toMatch(/^\/inbox\/[\w-]+#message-[\w-]+$/);

  // Keyboard: ↓ from the box reaches the first result, Enter opens it at the message.
  await page.getByLabel("Search messages and customers").focus();
  await page.keyboard.press("ArrowDown");
  await expect(hit).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL((url) => `${url.pathname}${url.hash}` === href);
  const messageId = href!.split("#")[1]!;
  await expect(page.locator(`[id="${messageId}"]`)).toContainText("Le flacon est arrivé fêlé");
});

test("typing searches as you go, keeps ?q= in the URL, finds customers and says when nothing matches", async ({
  page,
}) => {
  await signInAs(page, "agent");
  await page.goto("/inbox/search");
  const box = page.getByLabel("Search messages and customers");
  await expect(box).toBeFocused();

  await box.fill("chloe");
  await expect(page.getByTestId("search-customer").filter({ hasText: "Chloé Petit" })).toContainText(
    "chloe.petit@example.be",
  );
  await expect(page).toHaveURL(/\/inbox\/search\?q=chloe$/);

  await box.fill("shipped");
  await expect(
    page.getByTestId("search-message").filter({ hasText: "Emma Wilson" }).locator("mark").first(),
  ).toHaveText(/ship/i);

  await box.fill("x");
  await expect(page.getByText("Type at least 2 characters.")).toBeVisible();

  await box.fill("zzqqxx introuvable");
  await expect(page.getByText("No messages match “zzqqxx introuvable”.")).toBeVisible();
  await expect(page).toHaveURL(/\?q=zzqqxx%20introuvable$/);
  await page.reload();
  await expect(box).toHaveValue("zzqqxx introuvable");
});

test("signed out, the search API answers 401", async ({ request }) => {
  const response = await request.get("/api/inbox/search?q=colis");
  expect(response.status()).toBe(401);
});
