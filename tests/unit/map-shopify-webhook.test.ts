import { describe, expect, it } from "vitest";
import { mapShopifyWebhook } from "@/lib/shopify/map-shopify-webhook";
import { verifyShopifyHmac } from "@/lib/shopify/verify-shopify-hmac";
import { fixture, signShopify } from "../support/shopify";

describe("mapShopifyWebhook", () => {
  it("turns an unfinished checkout into a checkout update with SMS consent", () => {
    const result = mapShopifyWebhook("checkouts/update", fixture("shopify/checkout-update.json"));
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.events).toEqual([
      {
        type: "checkout.updated",
        checkout: {
          externalId: "8f2e5c1a9b7d4e6f0a3c5b7d9e1f2a4c",
          customer: {
            externalId: "7712345678901",
            email: "camille.martin@example.net",
            phone: "+33612345678",
            firstName: "Camille",
            lastName: "Martin",
            locale: "fr",
          },
          currency: "EUR",
          totalPrice: "94.90",
          checkoutUrl: "https://atelier-lune.example/checkouts/ac/8f2e5c1a9b7d4e6f0a3c5b7d9e1f2a4c/recover?key=3b1d",
          startedAt: new Date("2026-11-22T19:41:12Z"),
          lastActivityAt: new Date("2026-11-22T19:47:55Z"),
          completedAt: null,
          lineItems: [
            {
              productExternalId: "8123456789012",
              sku: "LUNE-CER-BLA",
              title: "Lampe Lune en céramique",
              quantity: 1,
              unitPrice: "89.00",
            },
          ],
        },
        smsConsent: {
          phone: "+33612345678",
          occurredAt: new Date("2026-11-22T19:47:55Z"),
          source: "shopify_checkout",
          wording: null,
        },
      },
    ]);
  });

  it("records no consent when the box was not ticked, and normalises a national phone number", () => {
    const checkout = {
      ...fixture("shopify/checkout-update.json"),
      buyer_accepts_sms_marketing: false,
      phone: "06 12 34 56 78",
      customer: null,
    };
    const result = mapShopifyWebhook("checkouts/create", checkout);
    if (!result.ok) throw new Error(result.error);
    const [event] = result.events;
    expect(event).toMatchObject({
      type: "checkout.updated",
      smsConsent: null,
      checkout: { customer: { phone: "+33612345678", externalId: null } },
    });
  });

  it("reads a delivered fulfillment, and ignores one still in transit", () => {
    const delivered = fixture("shopify/fulfillment-update-delivered.json");
    expect(mapShopifyWebhook("fulfillments/update", delivered)).toEqual({
      ok: true,
      events: [
        { type: "order.delivered", orderExternalId: "6012345678901", deliveredAt: new Date("2026-11-26T13:05:31Z") },
      ],
    });
    expect(mapShopifyWebhook("fulfillments/update", { ...delivered, shipment_status: "in_transit" })).toEqual({
      ok: true,
      events: [],
    });
    expect(
      mapShopifyWebhook("fulfillment_events/create", {
        id: 1,
        order_id: 6012345678901,
        status: "delivered",
        happened_at: "2026-11-26T15:00:00+01:00",
        created_at: "2026-11-26T15:01:00+01:00",
      }),
    ).toEqual({
      ok: true,
      events: [
        { type: "order.delivered", orderExternalId: "6012345678901", deliveredAt: new Date("2026-11-26T14:00:00Z") },
      ],
    });
  });

  it("says what is wrong with a malformed payload", () => {
    const result = mapShopifyWebhook("checkouts/update", {
      token: "t",
      created_at: "yesterday",
      currency: "EUR",
      total_price: "abc",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain("created_at");
    expect(result.error).toContain("updated_at");
    expect(result.error).toContain("total_price: must be a number");
  });

  it("maps the privacy topics with the customer they name, refuses one that names no one, and ignores topics it does not handle", () => {
    expect(
      mapShopifyWebhook("customers/redact", {
        shop_id: 1,
        customer: { id: 77, email: " Camille@Example.NET ", phone: "06 12 34 56 78" },
      }),
    ).toEqual({
      ok: true,
      events: [
        {
          type: "compliance.request",
          topic: "customers/redact",
          subject: { externalId: "77", email: "camille@example.net", phone: null },
        },
      ],
    });
    expect(mapShopifyWebhook("customers/data_request", { customer: { phone: "+33612345678" } })).toMatchObject({
      ok: true,
      events: [{ subject: { externalId: null, email: null, phone: "+33612345678" } }],
    });
    expect(mapShopifyWebhook("shop/redact", { shop_id: 1 })).toEqual({
      ok: true,
      events: [{ type: "compliance.request", topic: "shop/redact", subject: null }],
    });
    expect(mapShopifyWebhook("customers/redact", {})).toMatchObject({
      ok: false,
      error: expect.stringContaining("an id, email or phone is required"),
    });
    expect(mapShopifyWebhook("products/update", {})).toEqual({ ok: true, events: [], ignored: true });
  });
});

describe("verifyShopifyHmac", () => {
  const body = JSON.stringify({ hello: "world" });
  it("accepts the HMAC of the exact raw body only", () => {
    expect(verifyShopifyHmac(body, signShopify(body, "s3cret"), "s3cret")).toBe(true);
    expect(verifyShopifyHmac(`${body} `, signShopify(body, "s3cret"), "s3cret")).toBe(false);
    expect(verifyShopifyHmac(body, signShopify(body, "other"), "s3cret")).toBe(false);
    expect(verifyShopifyHmac(body, null, "s3cret")).toBe(false);
    expect(verifyShopifyHmac(body, "not base64 at all!!", "s3cret")).toBe(false);
  });
});
