import { defineConfig, devices } from "@playwright/test";
import { E2E } from "./e2e/support/e2e-env";

// Debian's Chromium (apt-get install chromium); Playwright's own browser download is not possible here.
const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  },
};

export default defineConfig({
  testDir: "e2e",
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  // Walk-throughs sign in and load several pages; 30 s was marginal on a busy 2-core machine.
  timeout: 60_000,
  // A page refreshed after an action re-runs its server queries (the reports page runs several):
  // 5 s was marginal with three app servers and two browsers on two cores.
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: { trace: "retain-on-failure", screenshot: "only-on-failure" },
  projects: [
    { name: "app", testIgnore: ["embedded/**", "public/**"], use: { ...chromium, baseURL: E2E.postgres.baseURL } },
    { name: "embedded", testMatch: ["embedded/**/*.spec.ts"], use: { ...chromium, baseURL: E2E.embedded.baseURL } },
    { name: "public", testMatch: ["public/**/*.spec.ts"], use: { ...chromium, baseURL: E2E.public.baseURL } },
  ],
  webServer: [
    {
      command: "npx tsx e2e/support/start-app.ts postgres",
      url: `${E2E.postgres.baseURL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "npx tsx e2e/support/start-app.ts embedded",
      url: `${E2E.embedded.baseURL}/api/health`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "npx tsx e2e/support/start-app.ts public",
      url: `${E2E.public.baseURL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
