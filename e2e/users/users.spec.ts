import { expect, test } from "@playwright/test";
import { signIn, signInAs } from "../support/sign-in";

test("an admin adds a user who can then sign in, and deactivates them after confirming", async ({ page, browser }) => {
  await signInAs(page, "admin");
  await page.goto("/users");
  const email = `new-agent-${Date.now()}@demo.replyinbox.test`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name").fill("Nina New");
  await page.getByLabel("Role", { exact: true }).selectOption("agent");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(`${email} can now sign in.`)).toBeVisible();
  const password = await page.getByTestId("generated-password").textContent();
  expect(password).toMatch(/^[A-Za-z0-9]{20}$/);

  const other = await browser.newPage({ baseURL: test.info().project.use.baseURL });
  await signIn(other, email, password!);
  await expect(other.getByTestId("current-user")).toHaveText("Nina New");
  await other.close();

  const row = page.getByTestId(`user-row-${email}`);
  await row.getByRole("button", { name: "Deactivate…" }).click();
  await expect(row.getByText("Deactivate Nina New? They can no longer sign in.")).toBeVisible();
  await row.getByRole("button", { name: "Deactivate", exact: true }).click();
  await expect(page.getByText("Nina New was deactivated.")).toBeVisible();

  const again = await browser.newPage({ baseURL: test.info().project.use.baseURL });
  await signIn(again, email, password!);
  await expect(again.getByText("Wrong email or password.")).toBeVisible();
  await again.close();
});

test("adding a user with a taken email or a short password explains what is wrong", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/users");
  await page.getByLabel("Email").fill("agent@demo.replyinbox.test");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText("A user with the email agent@demo.replyinbox.test already exists.")).toBeVisible();
  await page.getByLabel("Email").fill("someone@demo.replyinbox.test");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText("The password must be at least 10 characters.")).toBeVisible();
});
