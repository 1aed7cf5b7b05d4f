import { expect, type Page } from "@playwright/test";
import type { Role } from "../../lib/auth/permissions";
import { DEMO_USERS } from "../../lib/seed/demo-users";

// The demo users that `npm run db:seed` creates, by role.
export const DEMO = Object.fromEntries(DEMO_USERS.map((user) => [user.role, user])) as Record<Role, (typeof DEMO_USERS)[number]>;

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
