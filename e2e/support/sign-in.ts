import { expect, type Page } from "@playwright/test";
import type { Role } from "../../lib/auth/permissions";
import { DEMO_USERS } from "../../tools/seed/demo-users";

// The demo users that `npm run db:seed` creates, by role.
export const DEMO = Object.fromEntries(DEMO_USERS.map((user) => [user.role, user])) as Record<
  Role,
  (typeof DEMO_USERS)[number]
>;

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAs(page: Page, role: Role) {
  await signIn(page, DEMO[role].email, DEMO[role].password);
  // Generous: the first sign-in after the server starts, on a busy CI machine, can take a while.
  await expect(page).toHaveURL(/\/inbox$/, { timeout: 20_000 });
  await expect(page.getByTestId("current-user")).toHaveText(DEMO[role].name);
}

/** Signs in from a French browser (test.use({ locale: "fr-FR" })): the screens follow it. */
export async function signInInFrench(page: Page, role: Role) {
  await page.goto("/signin");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { name: "Connexion à Reply Inbox" })).toBeVisible();
  await page.getByLabel("E-mail").fill(DEMO[role].email);
  await page.getByLabel("Mot de passe").fill(DEMO[role].password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  // Password hashing is slow on purpose, and slower still on a busy machine.
  await expect(page).toHaveURL(/\/inbox$/, { timeout: 20_000 });
}
