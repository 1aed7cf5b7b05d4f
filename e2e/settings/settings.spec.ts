import { expect, test } from "@playwright/test";
import { signInAs } from "../support/sign-in";

test("an admin edits the shop settings: errors are shown, valid values are saved and shown again", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/settings");
  await expect(page.getByLabel("Shop name")).toHaveValue("Maison Lumière");

  await page.getByLabel("Review page URL").fill("maisonlumiere.example/avis");
  await page.getByLabel("Shop name").fill("");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Enter the full review page address, starting with https://")).toBeVisible();
  await expect(page.getByText("Shop name is required")).toBeVisible();

  await page.getByLabel("Shop name").fill("Maison Lumière Lyon");
  await page.getByLabel("Review page URL").fill("https://maisonlumiere.example/reviews");
  await page.getByLabel("Time zone").selectOption("America/Toronto");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Shop name")).toHaveValue("Maison Lumière Lyon");
  await expect(page.getByLabel("Review page URL")).toHaveValue("https://maisonlumiere.example/reviews");
  await expect(page.getByLabel("Time zone")).toHaveValue("America/Toronto");
});
