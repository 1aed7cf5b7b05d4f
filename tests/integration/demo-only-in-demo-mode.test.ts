import { beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { parseEnv } from "@/lib/env";
import { DEMO_USERS } from "@/tools/seed/demo-users";
import { seedDemoShop } from "@/tools/seed/seed-demo-shop";
import { needsFirstAdmin } from "@/lib/users/first-admin";
import { verifyCredentials } from "@/lib/auth/verify-credentials";

// #11: known passwords only in a demo that someone asked for, never on a public address. This
// file runs without DEMO_MODE, as a real installation does.

beforeEach(truncateAllTables);

describe("outside demo mode", () => {
  it("refuses to seed the demo shop and its published passwords, changing nothing", async () => {
    await expect(seedDemoShop()).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("DEMO_MODE"),
    });
    expect(await db.user.count()).toBe(0);
  });

  it("refuses the demo's addresses even without the flag (seeded before it existed), and still asks for a first admin", async () => {
    const demo = DEMO_USERS.find((user) => user.role === "admin")!;
    await db.user.create({
      data: {
        email: demo.email,
        name: demo.name,
        role: "admin",
        passwordHash: await hashPassword(demo.password),
        isDemo: false,
      },
    });
    expect(await verifyCredentials(demo.email, demo.password)).toBeNull();
    expect(await needsFirstAdmin()).toBe(true);
  });

  it("refuses a demo user's published password at sign-in (a demo database put online)", async () => {
    const demo = DEMO_USERS.find((user) => user.role === "admin")!;
    await db.user.create({
      data: {
        email: demo.email,
        name: demo.name,
        role: "admin",
        passwordHash: await hashPassword(demo.password),
        isDemo: true,
      },
    });
    expect(await verifyCredentials(demo.email, demo.password)).toBeNull();
    await db.user.updateMany({ data: { isDemo: false, email: "owner@atelier-lune.fr" } });
    expect(await verifyCredentials("owner@atelier-lune.fr", demo.password)).toMatchObject({ role: "admin" });
  });
});

describe("DEMO_MODE", () => {
  const base = {
    DATABASE_URL: "postgresql://x@127.0.0.1/db",
    AUTH_SECRET: "a".repeat(32),
    LINK_SECRET: "l".repeat(32),
    CRON_SECRET: "c".repeat(16),
  };

  it("is refused at start-up with a public APP_URL, naming the variable", () => {
    const result = parseEnv({ ...base, DEMO_MODE: "true", APP_URL: "https://inbox.atelier-lune.fr" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      expect.stringMatching(/^Invalid environment variable DEMO_MODE: expected false when APP_URL is a public address/),
    ]);
  });

  it("is accepted on a local address", () => {
    expect(parseEnv({ ...base, DEMO_MODE: "true", APP_URL: "http://localhost:3000" }).ok).toBe(true);
  });
});
