import { beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/events/route";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/manage-api-tokens";
import { createUser } from "@/lib/users/create-user";

let token: string;
let tokenId: string;
let adminId: string;

beforeEach(async () => {
  await truncateAllTables();
  adminId = (await createUser({ email: "admin@shop.test", role: "admin", password: "admin-password" })).id;
  ({ token, id: tokenId } = await createApiToken("Shop backend", adminId));
});

const post = (body: unknown, auth: string | null = `Bearer ${token}`) =>
  POST(
    new Request("http://localhost/api/events", {
      method: "POST",
      headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );

const started = {
  id: "evt_1",
  type: "checkout.started",
  occurred_at: "2026-11-22T19:41:12Z",
  data: {
    checkout_id: "chk_1",
    customer: {
      email: "Jo@Example.com",
      phone: "+44 7911 123456",
      first_name: "Jo",
      locale: "en-GB",
      time_zone: "Europe/London",
    },
    currency: "gbp",
    total: 42.5,
    checkout_url: "https://shop.example/checkout/chk_1",
    line_items: [{ product_id: "p1", title: "Beeswax candle", quantity: 2, price: "21.25", category: "Consumables" }],
    sms_consent: { granted: true, wording: "Text me about my order. Reply STOP to opt out." },
  },
};

describe("POST /api/events", () => {
  it("stores a started checkout with the customer, product category and SMS consent with its wording", async () => {
    const response = await post(started);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "processed", id: "evt_1" });
    const checkout = await db.checkout.findUniqueOrThrow({
      where: { externalId: "chk_1" },
      include: { customer: true, lineItems: { include: { product: { include: { category: true } } } } },
    });
    expect(checkout).toMatchObject({ currency: "GBP", checkoutUrl: "https://shop.example/checkout/chk_1" });
    expect(checkout.customer).toMatchObject({
      email: "jo@example.com",
      phone: "+447911123456",
      locale: "en",
      timeZone: "Europe/London",
    });
    expect(await db.phoneNumber.findUniqueOrThrow({ where: { number: "+447911123456" } })).toMatchObject({
      consentSource: "events_api",
      consentWording: "Text me about my order. Reply STOP to opt out.",
    });
    expect(checkout.lineItems[0]!.product?.category?.name).toBe("Consumables");
  });

  it("runs the whole lifecycle: completion, delivery, review; a repeated id changes nothing", async () => {
    await post(started);
    const completed = {
      id: "evt_2",
      type: "checkout.completed",
      occurred_at: "2026-11-22T20:00:00Z",
      data: {
        order_id: "ord_1",
        order_number: "1001",
        checkout_id: "chk_1",
        customer: { email: "jo@example.com" },
        currency: "GBP",
        total: "42.50",
      },
    };
    expect((await post(completed)).status).toBe(200);
    expect(
      (
        await post({
          id: "evt_3",
          type: "order.delivered",
          occurred_at: "2026-11-25T10:00:00Z",
          data: { order_id: "ord_1" },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await post({
          id: "evt_4",
          type: "review.created",
          occurred_at: "2026-11-27T10:00:00Z",
          data: { review_id: "rev_1", order_id: "ord_1", customer: { email: "jo@example.com" }, rating: 5 },
        })
      ).status,
    ).toBe(200);
    expect(await (await post(completed)).json()).toEqual({ status: "duplicate", id: "evt_2" });

    const order = await db.order.findUniqueOrThrow({
      where: { externalId: "ord_1" },
      include: { checkout: true, reviews: true, scheduledMessages: true },
    });
    expect(order.checkout?.completedAt).toEqual(new Date("2026-11-22T20:00:00Z"));
    expect(order.deliveredAt).toEqual(new Date("2026-11-25T10:00:00Z"));
    expect(order.reviews).toMatchObject([{ rating: 5 }]);
    expect(order.scheduledMessages.map((m) => m.step).sort()).toEqual(["day1", "day14", "day5", "review"]);
    expect(await db.customer.count()).toBe(1);
  });

  it("creates nothing twice when an event is delivered three times at once", async () => {
    const responses = await Promise.all([1, 2, 3].map(() => post(started)));
    expect((await Promise.all(responses.map((r) => r.json()))).map((b) => b.status).sort()).toEqual([
      "duplicate",
      "duplicate",
      "processed",
    ]);
    expect([
      await db.checkout.count(),
      await db.customer.count(),
      await db.consentEvent.count(),
      await db.lineItem.count(),
    ]).toEqual([1, 1, 1, 1]);
  });

  it("lists every problem of an invalid event in a 400, and stores nothing", async () => {
    const response = await post({
      id: "evt_bad",
      type: "checkout.started",
      occurred_at: "yesterday",
      data: {
        checkout_id: "c",
        customer: { phone: "12" },
        currency: "EUR",
        total: "lots",
        line_items: [{ title: "", quantity: 0, price: 1 }],
      },
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toBe("Invalid event");
    expect(body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      "data.customer.phone",
      "data.line_items.0.quantity",
      "data.line_items.0.title",
      "data.total",
      "occurred_at",
    ]);
    expect(
      (await post({ id: "x", type: "order.cancelled", occurred_at: "2026-11-22T19:41:12Z", data: {} })).status,
    ).toBe(400);
    expect((await post("{oops")).status).toBe(400);
    expect(await db.webhookEvent.count()).toBe(0);
  });

  it("refuses a missing, wrong or revoked token", async () => {
    expect((await post(started, null)).status).toBe(401);
    expect((await post(started, "Bearer ri_not-a-real-token")).status).toBe(401);
    await revokeApiToken(tokenId, adminId);
    const revoked = await post(started);
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).error).toContain("revoked");
    expect(await db.checkout.count()).toBe(0);
  });
});
