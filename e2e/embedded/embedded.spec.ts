import { expect, test } from "@playwright/test";
import { signInAs } from "../support/sign-in";

// This server runs with DATABASE_URL unset: the embedded PGlite database, migrated and seeded.
test("the app runs on the embedded database and a seeded user signs in", async ({ page, request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  await signInAs(page, "founder");
  await page.goto("/settings");
  await expect(page.getByLabel("Shop name")).toHaveValue("Maison Lumière");
});
