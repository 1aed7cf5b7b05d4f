import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/lib/db/truncate-all-tables";
import { DEMO_USERS } from "@/lib/seed/demo-users";
import { seedDemoShop } from "@/lib/seed/seed-demo-shop";
import { verifyCredentials } from "@/lib/users/verify-credentials";
import { withProviderEnv } from "../support/test-env";

withProviderEnv(() => ({ DEMO_MODE: "true", APP_URL: "http://localhost:3000" }));
beforeEach(truncateAllTables);

describe("seedDemoShop", () => {
  it("fills an empty database with a bilingual shop and one user per role", async () => {
    const summary = await seedDemoShop();
    expect(summary.users.map((u) => u.role).sort()).toEqual(["admin", "agent", "founder", "manager"]);
    const locales = await db.customer.groupBy({ by: ["locale"], _count: true });
    expect(locales.map((l) => l.locale).sort()).toEqual(["en", "fr"]);
    expect(await db.order.count()).toBe(summary.orders);
    expect(await db.conversation.count({ where: { needsHuman: true } })).toBeGreaterThan(0);
    expect(await db.checkout.count({ where: { abandonedAt: { not: null }, completedAt: null } })).toBe(1);
    for (const user of DEMO_USERS) expect(await verifyCredentials(user.email, user.password)).toMatchObject({ role: user.role });
    expect(await db.user.count({ where: { isDemo: false } })).toBe(0);
  });

  it("refuses a database that has data and changes nothing", async () => {
    await db.user.create({ data: { email: "owner@shop.test", name: "Owner", role: "admin", passwordHash: "x" } });
    await expect(seedDemoShop()).rejects.toMatchObject({ code: "conflict" });
    expect(await db.user.findMany({ select: { email: true } })).toEqual([{ email: "owner@shop.test" }]);
    expect(await db.customer.count()).toBe(0);
  });

  it("wipes and reseeds when forced", async () => {
    await seedDemoShop();
    await seedDemoShop({ force: true });
    expect(await db.user.count()).toBe(DEMO_USERS.length);
    expect(await db.shopSettings.count()).toBe(1);
  });
});
