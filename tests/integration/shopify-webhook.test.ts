import { beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/shopify/route";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { settleBackgroundWork } from "@/lib/http/run-after-response";
import { fixture, shopifyRequest } from "../support/shopify";

beforeEach(async () => {
  // Privacy requests are carried out after the answer: let the last test's finish first.
  await settleBackgroundWork();
  await truncateAllTables();
});

const checkout = fixture("shopify/checkout-update.json");
const delivered = fixture("shopify/fulfillment-update-delivered.json");
const order = {
  id: 6012345678901,
  name: "#1042",
  email: "camille.martin@example.net",
  phone: "+33612345678",
  checkout_token: checkout.token,
  created_at: "2026-11-22T21:10:00+01:00",
  processed_at: "2026-11-22T21:10:00+01:00",
  financial_status: "paid",
  currency: "EUR",
  total_price: "94.90",
  customer_locale: "fr-FR",
  line_items: checkout.line_items,
  customer: checkout.customer,
};

async function counts() {
  const [customers, checkouts, consentEvents, webhookEvents, orders, scheduled] = await Promise.all([
    db.customer.count(),
    db.checkout.count(),
    db.consentEvent.count(),
    db.webhookEvent.count(),
    db.order.count(),
    db.scheduledMessage.count(),
  ]);
  return { customers, checkouts, consentEvents, webhookEvents, orders, scheduled };
}

describe("POST /api/webhooks/shopify", () => {
  it("stores a checkout with its customer, products and SMS consent", async () => {
    const response = await POST(shopifyRequest("checkouts/update", checkout));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "processed", topic: "checkouts/update" });

    const stored = await db.checkout.findUniqueOrThrow({
      where: { externalId: checkout.token as string },
      include: { customer: true, lineItems: { include: { product: true } } },
    });
    expect(stored.totalPrice.toString()).toBe("94.9");
    expect(stored.completedAt).toBeNull();
    expect(stored.customer).toMatchObject({
      email: "camille.martin@example.net",
      phone: "+33612345678",
      firstName: "Camille",
      locale: "fr",
      externalId: "7712345678901",
    });
    expect(await db.phoneNumber.findUniqueOrThrow({ where: { number: "+33612345678" } })).toMatchObject({
      customerId: stored.customerId,
      consentSource: "shopify_checkout",
    });
    expect(stored.lineItems.map((item) => [item.title, item.product?.externalId])).toEqual([
      ["Lampe Lune en céramique", "8123456789012"],
    ]);
    expect(await db.consentEvent.findMany({ select: { channel: true, change: true, source: true } })).toEqual([
      { channel: "sms", change: "granted", source: "shopify_checkout" },
    ]);
  });

  it("changes nothing when the same delivery comes again, even three at once", async () => {
    const webhookId = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043";
    const first = await POST(shopifyRequest("checkouts/update", checkout, { webhookId }));
    expect(first.status).toBe(200);
    const before = await counts();
    const again = await Promise.all(
      [1, 2, 3].map(() => POST(shopifyRequest("checkouts/update", checkout, { webhookId }))),
    );
    expect(await Promise.all(again.map((r) => r.json()))).toEqual(
      Array(3).fill({ status: "duplicate", topic: "checkouts/update" }),
    );
    expect(await counts()).toEqual(before);
  });

  it("processes three concurrent first deliveries exactly once", async () => {
    const responses = await Promise.all(
      [1, 2, 3].map(() => POST(shopifyRequest("checkouts/update", checkout, { webhookId: "same-id" }))),
    );
    const statuses = (await Promise.all(responses.map((r) => r.json()))).map((body) => body.status).sort();
    expect(statuses).toEqual(["duplicate", "duplicate", "processed"]);
    expect(await counts()).toMatchObject({ customers: 1, checkouts: 1, consentEvents: 1, webhookEvents: 1 });
  });

  it("survives different webhooks racing to create the same checkout", async () => {
    const responses = await Promise.all(
      ["checkouts/create", "checkouts/update", "checkouts/update"].map((topic) =>
        POST(shopifyRequest(topic, checkout)),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await counts()).toMatchObject({ customers: 1, checkouts: 1, consentEvents: 1, webhookEvents: 3 });
  });

  it("refuses a bad or missing HMAC with 401 and stores nothing", async () => {
    const forged = await POST(shopifyRequest("checkouts/update", checkout, { hmac: "bm90IHRoZSByaWdodCBobWFj" }));
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual({ error: "Invalid or missing X-Shopify-Hmac-Sha256." });
    expect((await POST(shopifyRequest("checkouts/update", checkout, { hmac: null }))).status).toBe(401);
    const tampered = shopifyRequest("checkouts/update", checkout, {
      rawBody: JSON.stringify({ ...checkout, total_price: "0.01" }),
      hmac: (await import("../support/shopify")).signShopify(JSON.stringify(checkout)),
    });
    expect((await POST(tampered)).status).toBe(401);
    expect(await counts()).toEqual({
      customers: 0,
      checkouts: 0,
      consentEvents: 0,
      webhookEvents: 0,
      orders: 0,
      scheduled: 0,
    });
  });

  it("answers 400 with the reason for a malformed body, and stores nothing", async () => {
    const notJson = await POST(shopifyRequest("checkouts/update", null, { rawBody: "{not json" }));
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: "The body is not valid JSON." });
    const invalid = await POST(shopifyRequest("orders/create", { ...order, total_price: "lots" }));
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error).toBe("Invalid orders/create payload: total_price: must be a number");
    expect(await counts()).toMatchObject({ webhookEvents: 0, orders: 0 });
  });

  it("links the order to its checkout, and asks for a delivery that came before its order to be sent again", async () => {
    await POST(shopifyRequest("checkouts/update", checkout));
    const early = await POST(shopifyRequest("fulfillments/update", delivered, { webhookId: "delivery-1" }));
    expect(early.status).toBe(409);
    expect(await db.webhookEvent.count({ where: { externalId: "delivery-1" } })).toBe(0);

    expect((await POST(shopifyRequest("orders/create", order))).status).toBe(200);
    expect(
      (await db.checkout.findUniqueOrThrow({ where: { externalId: checkout.token as string } })).completedAt,
    ).toEqual(new Date("2026-11-22T20:10:00Z"));

    const retried = await POST(shopifyRequest("fulfillments/update", delivered, { webhookId: "delivery-1" }));
    expect(retried.status).toBe(200);
    const stored = await db.order.findUniqueOrThrow({
      where: { externalId: "6012345678901" },
      include: { scheduledMessages: { orderBy: { dueAt: "asc" } } },
    });
    expect(stored.deliveredAt).toEqual(new Date("2026-11-26T13:05:31Z"));
    expect(stored.scheduledMessages.map((m) => `${m.flow}:${m.step}:${m.channel}`)).toEqual([
      "post_delivery:day1:email",
      "post_delivery:day5:email",
      "sms_review_request:review:sms",
      "post_delivery:day14:email",
    ]);
  });

  it("creates nothing twice when every topic is delivered three times at once", async () => {
    const deliveries: [string, unknown][] = [
      ["checkouts/create", checkout],
      ["checkouts/update", { ...checkout, updated_at: "2026-11-22T20:50:00+01:00" }],
      ["orders/create", order],
      ["orders/paid", order],
      ["fulfillments/update", delivered],
      [
        "fulfillment_events/create",
        {
          id: 9,
          order_id: 6012345678901,
          status: "delivered",
          happened_at: "2026-11-26T15:00:00+01:00",
          created_at: "2026-11-26T15:01:00+01:00",
        },
      ],
      ["customers/data_request", { shop_id: 1, customer: { id: 7712345678901 } }],
    ];
    for (const [topic, payload] of deliveries) {
      const webhookId = `replay-${topic}`;
      const responses = await Promise.all([1, 2, 3].map(() => POST(shopifyRequest(topic, payload, { webhookId }))));
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    }
    expect(await counts()).toEqual({
      customers: 1,
      checkouts: 1,
      consentEvents: 1,
      webhookEvents: deliveries.length,
      orders: 1,
      scheduled: 4,
    });
    expect(await db.lineItem.count()).toBe(2); // one on the checkout, one on the order
  });

  it("accepts the privacy topics and records each as a request", async () => {
    const response = await POST(shopifyRequest("customers/redact", { shop_id: 1, customer: { id: 7712345678901 } }));
    expect(response.status).toBe(200);
    expect(await db.webhookEvent.findMany({ select: { topic: true } })).toEqual([{ topic: "customers/redact" }]);
    await settleBackgroundWork();
    expect(await db.privacyRequest.findMany({ select: { kind: true, source: true, outcome: true } })).toEqual([
      { kind: "erase_customer", source: "shopify", outcome: "no data held about this customer" },
    ]);
  });
});
