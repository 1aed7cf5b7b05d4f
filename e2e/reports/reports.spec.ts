import { expect, test } from "@playwright/test";
import { signInAs } from "../support/sign-in";

test("a manager filters the report, reads the friction chart, exports CSV and records a fix", async ({ page }) => {
  // Several report loads over the demo's four weeks: room on a loaded 2-core machine.
  test.setTimeout(90_000);
  await signInAs(page, "manager");
  await page.getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { name: "Site-wide friction" })).toBeVisible();

  // The demo shop's friction: a 3-D Secure mark on Noah's conversation.
  const table = page.getByTestId("friction-table");
  const row = table.getByRole("row").filter({ hasText: "Payment authentication" });
  await expect(row).toBeVisible();
  await expect(page.getByRole("figure", { name: "Friction per week" })).toBeVisible();
  await page.getByText("The chart's numbers").click();

  // Filters go into the URL and back into the form.
  await page.getByLabel("Channel").selectOption("email");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/channel=email/);
  await expect(page.getByLabel("Channel")).toHaveValue("email");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).first().click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^reply-inbox-friction-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await (await file.createReadStream()).toArray();
  expect(Buffer.concat(csv).toString("utf8")).toMatch(/^category,conversations,marked,hinted/);

  await row.getByText("Fix", { exact: true }).click();
  await row.getByLabel("What was fixed").fill("3-D Secure retry page shipped");
  await row.getByRole("button", { name: "Record the fix" }).click();
  await expect(table.getByRole("row").filter({ hasText: "Payment authentication" })).toContainText(
    "3-D Secure retry page shipped",
  );

  await table
    .getByRole("row")
    .filter({ hasText: "Payment authentication" })
    .getByRole("link", { name: "Customers who hit it" })
    .click();
  await expect(page.getByRole("link", { name: "Open the conversation" }).first()).toBeVisible();
});

test("an agent is refused the reports and their CSV", async ({ page }) => {
  await signInAs(page, "agent");
  await expect(page.getByRole("link", { name: "Reports" })).toHaveCount(0);
  await page.goto("/reports");
  await expect(page).toHaveURL(/\/forbidden/);
  const response = await page.request.get("/api/reports/csv?table=friction");
  expect(response.status()).toBe(403);
});

test("a manager reads the team's response times in business hours, and exports them", async ({ page }) => {
  test.setTimeout(60_000);
  await signInAs(page, "manager");
  await page.goto("/reports");
  const section = page.getByRole("region", { name: "Response times" });
  await expect(section).toContainText("In business hours: 9:00 to 18:00, Monday to Friday");
  await expect(section.getByTestId("first-response").getByRole("row").filter({ hasText: "Everyone" })).toBeVisible();
  await expect(section.getByTestId("first-response-honesty")).toContainText(/\d+ of the \d+ conversations/);
  const response = await page.request.get("/api/reports/csv?table=response_times");
  expect(response.status()).toBe(200);
  const csv = await response.text();
  expect(csv).toMatch(
    /^measure,agent,agent_id,conversations,started_by_customer,median_business_minutes,p90_business_minutes\r?\nfirst_response,everyone,/,
  );
  expect(csv).toMatch(/\r?\nresolution,everyone,/);
});
