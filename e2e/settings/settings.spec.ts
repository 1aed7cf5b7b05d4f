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
  await expect(page.getByText("The shop name is required.")).toBeVisible();

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

test("every field on the settings page has its own id, so each label names one control", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/settings");
  const ids = await page.locator("[id]").evaluateAll((elements) => elements.map((element) => element.id));
  expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
});

test("a founder adds a product category with its own SMS delay and files a product under it", async ({ page }) => {
  await signInAs(page, "founder");
  await page.goto("/settings");
  const name = `Refills ${Date.now()}`;
  await page.getByLabel("New category").fill(name);
  await page.locator("#categorySmsDelayDays").fill("-2");
  await page.getByRole("button", { name: "Add category" }).click();
  await expect(page.getByText("The SMS delay must be at least 0.")).toBeVisible();
  await page.locator("#categorySmsDelayDays").fill("12");
  await page.getByRole("button", { name: "Add category" }).click();
  await expect(page.getByText(`Category "${name}" added.`)).toBeVisible();
  await expect(page.getByTestId(`category-${name}`).getByRole("textbox")).toHaveValue("12");
  await page.getByLabel("Category of Gift card 50 €").selectOption({ label: name });
  await expect(page.getByText("Gift card 50 €: category saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Category of Gift card 50 €")).toHaveValue(/.+/);
  await expect(page.getByLabel("Category of Gift card 50 €").locator("option:checked")).toHaveText(name);
});
