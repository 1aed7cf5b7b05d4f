import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn, signInAs } from "../support/sign-in";

// #11: changing one's password ends one's other sessions and keeps this one; an admin's reset
// ends them all.

async function newSignedInPage(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await browser.newPage({ baseURL: test.info().project.use.baseURL });
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/inbox$/, { timeout: 20_000 });
  return page;
}

test("a password change signs out the other sessions, keeps this one, and an admin's reset signs out all", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await signInAs(page, "admin");
  await page.goto("/users");
  const email = `pat-${Date.now()}@demo.replyinbox.test`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name").fill("Pat Keyes");
  await page.getByLabel("Role", { exact: true }).selectOption("agent");
  await page.getByRole("button", { name: "Add user" }).click();
  const first = (await page.getByTestId("generated-password").textContent())!;

  const laptop = await newSignedInPage(browser, email, first);
  const phone = await newSignedInPage(browser, email, first);

  // On the laptop: a mismatched confirmation is explained, then the change goes through.
  await laptop.getByRole("link", { name: "Your account" }).click();
  await expect(laptop.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await laptop.getByLabel("Current password").fill(first);
  await laptop.getByLabel("New password", { exact: true }).fill("pat-s-own-new-password");
  await laptop.getByLabel("New password again").fill("something-else-entirely");
  await laptop.getByRole("button", { name: "Change password" }).click();
  await expect(laptop.getByText("The confirmation does not match the password.")).toBeVisible();
  await laptop.getByLabel("New password again").fill("pat-s-own-new-password");
  await laptop.getByRole("button", { name: "Change password" }).click();
  await expect(laptop.getByText("Your password was changed. Your other sessions are signed out.")).toBeVisible();

  await laptop.goto("/inbox");
  await expect(laptop.getByTestId("current-user")).toHaveText("Pat Keyes");
  await phone.goto("/inbox");
  await expect(phone).toHaveURL(/\/signin/);

  // The admin resets it: the laptop is signed out too, the new password works.
  const row = page.getByTestId(`user-row-${email}`);
  await row.getByRole("button", { name: "Reset password…" }).click();
  await expect(row.getByText("Give Pat Keyes a new password? They are signed out everywhere.")).toBeVisible();
  await row.getByRole("button", { name: "Reset password", exact: true }).click();
  await expect(page.getByText("Pat Keyes has a new password and was signed out everywhere.")).toBeVisible();
  const reset = (await page.getByTestId("reset-password").textContent())!;
  await laptop.goto("/inbox");
  await expect(laptop).toHaveURL(/\/signin/);
  await signIn(laptop, email, "pat-s-own-new-password");
  await expect(laptop.getByText("Wrong email or password.")).toBeVisible();
  await signIn(laptop, email, reset);
  await expect(laptop.getByTestId("current-user")).toHaveText("Pat Keyes");
});
