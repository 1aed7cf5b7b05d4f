import { expect, test } from "@playwright/test";
import { DEMO, signIn, signInAs } from "../support/sign-in";

const NAVIGATION = {
  agent: ["Inbox", "Saved replies", "Templates"],
  manager: ["Inbox", "Saved replies", "Templates", "Reports"],
  founder: ["Inbox", "Saved replies", "Templates", "Reports", "Settings"],
  admin: ["Inbox", "Saved replies", "Templates", "Reports", "Settings", "Users", "Connections", "Audit log"],
} as const;

test("a signed-out visitor is sent to the sign-in page", async ({ page }) => {
  await page.goto("/reports");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Freports$/);
  await expect(page.getByRole("heading", { name: "Sign in to Reply Inbox" })).toBeVisible();
});

test("a wrong password gets a clear message and no session", async ({ page }) => {
  await signIn(page, DEMO.admin.email, "not-the-password");
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/signin/);
});

for (const [role, items] of Object.entries(NAVIGATION)) {
  test(`${role} signs in and sees only their navigation`, async ({ page }) => {
    await signInAs(page, role as keyof typeof NAVIGATION);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText([...items]);
  });
}

test("an agent is refused the manager's reports and the admin pages", async ({ page }) => {
  await signInAs(page, "agent");
  for (const [path, label] of [
    ["/reports", "Reports"],
    ["/users", "Users"],
    ["/settings", "Settings"],
  ] as const) {
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`/forbidden\\?area=${label.toLowerCase()}$`));
    await expect(page.getByText(`Your role (Support agent) cannot open ${label}.`)).toBeVisible();
  }
});

test("a manager reads the reports page", async ({ page }) => {
  await signInAs(page, "manager");
  await page.goto("/reports");
  await expect(page.getByRole("heading", { name: "Reports" })).toBeVisible();
});

test("signing out ends the session", async ({ page }) => {
  await signInAs(page, "founder");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsettings$/);
});
