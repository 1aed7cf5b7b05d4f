import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { listFrictionCategories } from "@/lib/friction/friction-categories";
import { recordFrictionFix } from "@/lib/friction/record-fix";
import { customersWhoHit, frictionReport } from "@/lib/reports/friction-report";
import { parseReportFilters } from "@/lib/reports/report-filters";
import { createUser } from "@/lib/users/create-user";
import { makeCustomer } from "../support/factories";

beforeEach(truncateAllTables);

const at = (iso: string) => new Date(iso);
let hashes = 0;

async function conversationFor(customerId: string) {
  return db.conversation.create({ data: { customerId, mailboxHash: `h${++hashes}`, lastMessageAt: new Date() } });
}
async function hintedReply(
  conversationId: string,
  hint: "payment_authentication" | "card_declined" | "shipping_cost",
  createdAt: string,
) {
  await db.message.create({
    data: {
      conversationId,
      direction: "inbound",
      channel: "sms",
      authorType: "customer",
      textBody: "souci",
      deliveryStatus: "received",
      frictionHint: hint,
      createdAt: at(createdAt),
    },
  });
}
const filters = (from: string, to: string) => {
  const parsed = parseReportFilters({ from, to });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.filters;
};

describe("friction report", () => {
  it("counts each conversation once per category, from marks and hints, with customers, checkouts, weeks and trend", async () => {
    const categories = await listFrictionCategories();
    const threeDS = categories.find((c) => c.key === "payment_authentication")!;
    const shipping = categories.find((c) => c.key === "shipping_cost")!;
    const agent = await createUser({ email: "a@shop.test", name: "Sofia", role: "agent", password: "agent-password" });

    const ana = await makeCustomer({ firstName: "Ana" });
    const ben = await makeCustomer({ firstName: "Ben" });
    const cleo = await makeCustomer({ firstName: "Cléo" });
    const anaConversation = await conversationFor(ana.id);
    const benConversation = await conversationFor(ben.id);
    const cleoConversation = await conversationFor(cleo.id);
    // Ana: hinted twice and marked: one occurrence, dated by the first sign (Mon 2 Nov).
    await hintedReply(anaConversation.id, "payment_authentication", "2026-11-02T09:00:00Z");
    await hintedReply(anaConversation.id, "payment_authentication", "2026-11-03T09:00:00Z");
    await db.frictionMark.create({
      data: {
        conversationId: anaConversation.id,
        categoryId: threeDS.id,
        markedById: agent.id,
        createdAt: at("2026-11-04T09:00:00Z"),
      },
    });
    // Ben: marked only, the next week.
    await db.frictionMark.create({
      data: { conversationId: benConversation.id, categoryId: threeDS.id, createdAt: at("2026-11-10T09:00:00Z") },
    });
    // Cléo: a shipping-cost hint, and a 3-D Secure hint before the range (the previous period).
    await hintedReply(cleoConversation.id, "shipping_cost", "2026-11-05T09:00:00Z");
    await hintedReply(cleoConversation.id, "payment_authentication", "2026-10-28T09:00:00Z");
    // Checkouts: Ana left one 2 days before (counts), one 10 days before (too old), finished one (not a loss).
    await db.checkout.createMany({
      data: [
        {
          externalId: "k1",
          customerId: ana.id,
          currency: "EUR",
          totalPrice: "80.00",
          startedAt: at("2026-10-31T09:00:00Z"),
          lastActivityAt: at("2026-10-31T09:00:00Z"),
        },
        {
          externalId: "k2",
          customerId: ana.id,
          currency: "EUR",
          totalPrice: "999.00",
          startedAt: at("2026-10-23T09:00:00Z"),
          lastActivityAt: at("2026-10-23T09:00:00Z"),
        },
        {
          externalId: "k3",
          customerId: ana.id,
          currency: "EUR",
          totalPrice: "50.00",
          startedAt: at("2026-11-01T09:00:00Z"),
          lastActivityAt: at("2026-11-01T09:00:00Z"),
          completedAt: at("2026-11-01T09:10:00Z"),
        },
        {
          externalId: "k4",
          customerId: ben.id,
          currency: "EUR",
          totalPrice: "45.50",
          startedAt: at("2026-11-09T20:00:00Z"),
          lastActivityAt: at("2026-11-09T20:00:00Z"),
        },
      ],
    });

    const report = await frictionReport(filters("2026-11-01", "2026-11-14"), at("2026-11-20T00:00:00Z"));
    expect(report.map((r) => r.key)).toEqual(["payment_authentication", "shipping_cost"]);
    const [payment, ship] = report;
    expect(payment).toMatchObject({
      occurrences: 2,
      marked: 2,
      hinted: 1,
      customers: 2,
      checkouts: 2,
      checkoutValue: 125.5,
      previousOccurrences: 1,
      firstSeen: at("2026-11-02T09:00:00Z"),
      lastSeen: at("2026-11-10T09:00:00Z"),
      latestFix: null,
    });
    expect(payment!.weekly).toEqual([
      { week: "2026-11-02", occurrences: 1 },
      { week: "2026-11-09", occurrences: 1 },
    ]);
    expect(payment!.examples.map((e) => e.customerName)).toEqual(["Ben", "Ana"]);
    expect(ship).toMatchObject({
      id: shipping.id,
      occurrences: 1,
      customers: 1,
      checkouts: 0,
      checkoutValue: 0,
      previousOccurrences: 0,
    });
  });

  it("compares the rate per 100 orders before and after a recorded fix, and lists who hit it", async () => {
    const [threeDS] = await listFrictionCategories();
    const manager = await createUser({
      email: "m@shop.test",
      name: "Marc",
      role: "manager",
      password: "manager-password",
    });
    const customer = await makeCustomer({ firstName: "Dora" });
    const conversation = await conversationFor(customer.id);
    // Before the fix (1 Nov): 3 occurrences for 10 orders; after: 1 for 20 orders (windows of 10 days).
    for (const [i, day] of ["2026-10-25", "2026-10-27", "2026-10-30"].entries()) {
      const other = i === 0 ? conversation : await conversationFor((await makeCustomer()).id);
      await db.frictionMark.create({
        data: { conversationId: other.id, categoryId: threeDS!.id, createdAt: at(`${day}T10:00:00Z`) },
      });
    }
    await db.frictionMark.create({
      data: {
        conversationId: (await conversationFor((await makeCustomer({ firstName: "Eli" })).id)).id,
        categoryId: threeDS!.id,
        createdAt: at("2026-11-05T10:00:00Z"),
      },
    });
    const order = (n: number, day: string) => ({
      externalId: `o${day}-${n}`,
      number: `#${n}`,
      customerId: customer.id,
      currency: "EUR",
      totalPrice: "10.00",
      placedAt: at(`${day}T12:00:00Z`),
    });
    await db.order.createMany({
      data: [
        ...Array.from({ length: 10 }, (_, n) => order(n, "2026-10-28")),
        ...Array.from({ length: 20 }, (_, n) => order(n, "2026-11-03")),
      ],
    });

    await expect(
      recordFrictionFix(
        { categoryId: threeDS!.id, fixedOn: "2026-12-01", note: "too early" },
        manager.id,
        at("2026-11-11T00:00:00Z"),
      ),
    ).rejects.toMatchObject({ code: "bad_request" });
    await recordFrictionFix(
      { categoryId: threeDS!.id, fixedOn: "2026-11-01", note: "3-D Secure retry page shipped" },
      manager.id,
      at("2026-11-11T00:00:00Z"),
    );
    const [report] = await frictionReport(filters("2026-10-20", "2026-11-10"), at("2026-11-11T00:00:00Z"));
    expect(report!.latestFix).toMatchObject({
      note: "3-D Secure retry page shipped",
      recordedBy: "Marc",
      before: { days: 10, occurrences: 3, orders: 10, per100Orders: 30 },
      after: { days: 10, occurrences: 1, orders: 20, per100Orders: 5 },
    });
    const hit = await customersWhoHit(threeDS!.id, at("2026-11-11T00:00:00Z"));
    expect(hit).toHaveLength(4);
    expect(hit[0]).toMatchObject({ name: expect.stringContaining("Eli") });
    expect(await db.auditLog.count({ where: { action: "friction.fix_recorded" } })).toBe(1);
  });

  it("is empty when nothing went wrong", async () => {
    expect(await frictionReport(filters("2026-11-01", "2026-11-14"))).toEqual([]);
  });
});
