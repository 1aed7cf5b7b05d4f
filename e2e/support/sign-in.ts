import { expect, type Page } from "@playwright/test";
import type { Role } from "../../lib/auth/permissions";

// The demo users that `npm run db:seed` creates (lib/seed/seed-demo-shop.ts).
export const DEMO = {
  admin: { email: "admin@demo.replyinbox.test", password: "admin-demo-password", name: "Alex Admin" },
  founder: { email: "founder@demo.replyinbox.test", password: "founder-demo-password", name: "Camille Moreau" },
  manager: { email: "manager@demo.replyinbox.test", password: "manager-demo-password", name: "Marc Dubois" },
  agent: { email: "agent@demo.replyinbox.test", password: "agent-demo-password", name: "Sofia Agent" },
} satisfies Record<Role, { email: string; password: string; name: string }>;

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
