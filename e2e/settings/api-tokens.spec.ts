import { expect, test } from "@playwright/test";
import { signInAs } from "../support/sign-in";

test("an admin creates an events API token, the API accepts it, and refuses it once revoked", async ({
  page,
  request,
}) => {
  await signInAs(page, "admin");
  await page.goto("/settings");
  const name = `Bridge ${Date.now()}`;
  await page.getByLabel("New token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Token created. Copy it now: it will not be shown again.")).toBeVisible();
  const token = (await page.getByTestId("new-api-token").textContent())!;
  expect(token).toMatch(/^ri_/);

  const event = (id: string) => ({
    id,
    type: "checkout.started",
    occurred_at: new Date().toISOString(),
    data: { checkout_id: id, customer: { email: "e2e@example.test" }, currency: "EUR", total: "10.00" },
  });
  const accepted = await request.post("/api/events", {
    headers: { authorization: `Bearer ${token}` },
    data: event(`evt-${Date.now()}`),
  });
  expect(accepted.status()).toBe(200);
  expect(await accepted.json()).toMatchObject({ status: "processed" });

  const row = page.getByTestId(`api-token-${name}`);
  await row.getByRole("button", { name: "Revoke…" }).click();
  await row.getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(page.getByText(`${name} was revoked.`)).toBeVisible();
  const refused = await request.post("/api/events", {
    headers: { authorization: `Bearer ${token}` },
    data: event(`evt-${Date.now()}-2`),
  });
  expect(refused.status()).toBe(401);
});

test("the founder edits message timing but does not see API tokens", async ({ page }) => {
  await signInAs(page, "founder");
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "API tokens" })).toHaveCount(0);
  await page.getByLabel("Email review request (days after delivery)", { exact: true }).fill("0");
  await page.getByRole("button", { name: "Save timing" }).click();
  await expect(page.getByText("The review request day must be at least 1.")).toBeVisible();
  await page.getByLabel("Email review request (days after delivery)", { exact: true }).fill("6");
  await page.getByRole("button", { name: "Save timing" }).click();
  await expect(page.getByText("Timing saved. It applies to messages scheduled from now on.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Email review request (days after delivery)", { exact: true })).toHaveValue("6");
});

test("the founder turns on the high-value cart SMS, chooses the day-5 email's variant and the longest review pause", async ({
  page,
}) => {
  await signInAs(page, "founder");
  await page.goto("/settings");
  const threshold = page.getByLabel("High-value cart SMS from (amount)", { exact: true });
  await threshold.fill("-20");
  await page.getByRole("button", { name: "Save timing" }).click();
  await expect(page.getByText("The high-value cart amount must be above 0.")).toBeVisible();

  await threshold.fill("150");
  await page.getByLabel("Currency of that amount", { exact: true }).fill("eur");
  await page.getByLabel("Day-5 email when the SMS asks for the review", { exact: true }).selectOption("check_in");
  await page.getByLabel("Longest review pause (days)", { exact: true }).fill("5");
  await page.getByRole("button", { name: "Save timing" }).click();
  await expect(page.getByText("Timing saved.", { exact: false })).toBeVisible();
  await page.reload();
  await expect(threshold).toHaveValue("150");
  await expect(page.getByLabel("Currency of that amount", { exact: true })).toHaveValue("EUR");
  await expect(page.getByLabel("Day-5 email when the SMS asks for the review", { exact: true })).toHaveValue(
    "check_in",
  );
  await expect(page.getByLabel("Longest review pause (days)", { exact: true })).toHaveValue("5");

  // Emptied, the SMS is off again, and the defaults are back for the other specs.
  await threshold.fill("");
  await page.getByLabel("Day-5 email when the SMS asks for the review", { exact: true }).selectOption("skip");
  await page.getByLabel("Longest review pause (days)", { exact: true }).fill("7");
  await page.getByRole("button", { name: "Save timing" }).click();
  await expect(page.getByText("Timing saved.", { exact: false })).toBeVisible();
  await page.reload();
  await expect(threshold).toHaveValue("");
});
