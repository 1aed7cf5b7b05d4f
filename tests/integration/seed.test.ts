import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { outcomeMetrics } from "@/lib/reports/outcome-metrics";
import { frictionReport } from "@/lib/reports/friction-report";
import { parseReportFilters } from "@/lib/reports/report-filters";
import { DEMO_USERS } from "@/tools/seed/demo-users";
import { seedDemoShop } from "@/tools/seed/seed-demo-shop";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { withProviderEnv } from "../support/test-env";

// No provider: the demo's messages go to the Outbox, as on a newcomer's machine.
withProviderEnv(() => ({ DEMO_MODE: "true", APP_URL: "http://localhost:3000" }));
beforeEach(truncateAllTables);

const SMALL = { days: 21, customers: 30 };

describe("seedDemoShop", () => {
  it(
    "plays weeks of a bilingual shop through the real flows, so the inbox, the sequences and the reports agree",
    { timeout: 180_000 },
    async () => {
      const now = new Date();
      const summary = await seedDemoShop({ now, history: SMALL });
      expect(summary.users.map((u) => u.role).sort()).toEqual(["admin", "agent", "founder", "manager"]);
      for (const user of DEMO_USERS)
        expect(await verifyCredentials(user.email, user.password)).toMatchObject({ role: user.role });
      expect(await db.user.count({ where: { isDemo: false } })).toBe(0);
      const locales = await db.customer.groupBy({ by: ["locale"], _count: true });
      expect(locales.map((l) => l.locale).sort()).toEqual(["en", "fr"]);
      expect(await db.order.count()).toBe(summary.orders);

      // Every automated message in a thread was sent by the dispatcher, and went to the Outbox.
      const automated = await db.message.findMany({
        where: { direction: "outbound", authorType: "automation" },
        select: { providerMessageId: true, scheduledMessage: { select: { status: true } } },
      });
      expect(automated.length).toBeGreaterThan(30);
      for (const message of automated) expect(message.scheduledMessage?.status).toBe("sent");
      const outbox = new Set(
        (await db.outboxMessage.findMany({ select: { providerMessageId: true } })).map((m) => m.providerMessageId),
      );
      for (const message of automated) expect(outbox.has(message.providerMessageId!)).toBe(true);
      // Sent on many different days, so the report has a trend.
      const days = new Set(
        (await db.scheduledMessage.findMany({ where: { status: "sent" }, select: { sentAt: true } })).map((m) =>
          m.sentAt!.toISOString().slice(0, 10),
        ),
      );
      expect(days.size).toBeGreaterThan(10);

      // The outcome report counts exactly what the threads hold, over the weeks played.
      const filters = parseReportFilters(
        {
          from: new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10),
          to: new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10),
        },
        now,
      );
      if (!filters.ok) throw new Error(filters.error);
      const outcomes = await outcomeMetrics(filters.filters);
      expect(outcomes.totals.email.sent + outcomes.totals.sms.sent).toBe(
        await db.scheduledMessage.count({ where: { status: "sent" } }),
      );
      expect(outcomes.rows.map((row) => row.flow)).toEqual(
        expect.arrayContaining(["abandoned_checkout", "post_delivery", "sms_review_request"]),
      );
      expect(outcomes.reviewsTracked).toBe((await db.review.count()) > 0);
      // The friction report sees Noah's 3-D Secure trouble, marked by the agent.
      const friction = await frictionReport(filters.filters);
      expect(friction.find((row) => row.key === "payment_authentication")?.occurrences).toBeGreaterThan(0);

      // The named customers' stories: Noah waits for a person, Léa got the review link after her praise.
      const noah = await db.conversation.findFirstOrThrow({
        where: { customer: { email: "noah.dupont@example.ca" } },
        include: { frictionMarks: true, messages: { orderBy: { createdAt: "asc" } } },
      });
      expect(noah).toMatchObject({ status: "open", needsHuman: true, intent: "problem" });
      expect(noah.frictionMarks).toHaveLength(1);
      expect(noah.messages.map((m) => m.direction)).toEqual(["outbound", "inbound"]);
      const lea = await db.message.findMany({
        where: { conversation: { customer: { email: "lea.martin@example.fr" } } },
        orderBy: { createdAt: "asc" },
        select: { direction: true, channel: true, intent: true, scheduledMessage: { select: { flow: true } } },
      });
      expect(lea.filter((m) => m.channel === "sms").map((m) => m.scheduledMessage?.flow ?? m.intent)).toEqual([
        "sms_review_request",
        "praise",
        "auto_reply",
      ]);
    },
  );

  it("refuses a database that has data and changes nothing", async () => {
    await db.user.create({ data: { email: "owner@shop.test", name: "Owner", role: "admin", passwordHash: "x" } });
    await expect(seedDemoShop()).rejects.toMatchObject({ code: "conflict" });
    expect(await db.user.findMany({ select: { email: true } })).toEqual([{ email: "owner@shop.test" }]);
    expect(await db.customer.count()).toBe(0);
  });

  it("wipes and reseeds when forced, with the same story for the same day", { timeout: 180_000 }, async () => {
    const now = new Date();
    const first = await seedDemoShop({ now, history: { days: 10, customers: 10 } });
    const second = await seedDemoShop({ force: true, now, history: { days: 10, customers: 10 } });
    expect(await db.user.count()).toBe(DEMO_USERS.length);
    expect(await db.shopSettings.count()).toBe(1);
    expect(second).toEqual(first);
  });
});
