import { beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/shopify/route";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { settleBackgroundWork } from "@/lib/http/run-after-response";
import {
  carryOutPendingPrivacyRequests,
  carryOutPrivacyRequest,
  eraseCustomerForAdmin,
  exportCustomerForAdmin,
  recordPrivacyRequest,
  storedExport,
} from "@/lib/privacy/privacy-requests";
import { auditFiltersSchema, listAuditEntries } from "@/lib/audit/list-audit-entries";
import { outcomeMetrics } from "@/lib/reports/outcome-metrics";
import { makeShopSettings } from "../support/factories";
import { fixture, shopifyRequest } from "../support/shopify";

// Every personal value planted for the customer carries "zqx" (or is one of these numbers), so a
// scan of the whole database can tell whether anything of theirs is left. Ids, tokens and product
// names are not theirs and stay.
const EMAIL = "zqx.camille@example.test";
const PHONE = "+33699990001";
const OTHER_PHONE = "+33699990002";
const SHOPIFY_ID = "990001";
const PERSONAL = ["zqx", "699990001", "699990002", "699990003"];

const WEEK = {
  from: new Date("2026-11-16T00:00:00Z"),
  to: new Date("2026-11-23T00:00:00Z"),
  channel: "all",
  flow: "all",
} as const;

beforeEach(async () => {
  await settleBackgroundWork();
  await truncateAllTables();
  await makeShopSettings();
});

/** A customer with a value of theirs in every table that can hold one, and another customer. */
async function plantCustomer() {
  const customer = await db.customer.create({
    data: {
      email: EMAIL,
      phone: PHONE,
      externalId: SHOPIFY_ID,
      firstName: "Zqxcamille",
      lastName: "Zqxmartin",
      timeZone: "Europe/Paris",
      locale: "fr",
    },
  });
  await db.phoneNumber.createMany({
    data: [
      {
        number: PHONE,
        customerId: customer.id,
        consentAt: new Date("2026-11-10T10:00:00Z"),
        consentSource: "shopify_checkout",
        consentWording: "zqx wording seen at checkout",
      },
      {
        number: OTHER_PHONE,
        customerId: customer.id,
        optedOutAt: new Date("2026-11-12T10:00:00Z"),
        optedOutBy: "keyword",
      },
    ],
  });
  await db.consentEvent.create({
    data: {
      customerId: customer.id,
      channel: "sms",
      change: "revoked",
      address: OTHER_PHONE,
      source: "sms_keyword",
      wording: "STOP zqx",
      occurredAt: new Date("2026-11-12T10:00:00Z"),
    },
  });
  const checkout = await db.checkout.create({
    data: {
      externalId: "checkout-token-1",
      customerId: customer.id,
      email: EMAIL,
      phone: PHONE,
      currency: "EUR",
      totalPrice: "89.00",
      checkoutUrl: "https://shop.example/cart/zqx",
      startedAt: new Date("2026-11-09T10:00:00Z"),
      lastActivityAt: new Date("2026-11-09T10:05:00Z"),
      lineItems: { create: { title: "Lampe Lune en céramique", quantity: 1, unitPrice: "89.00" } },
    },
  });
  const order = await db.order.create({
    data: {
      externalId: "order-1",
      number: "#1001",
      customerId: customer.id,
      checkoutId: checkout.id,
      currency: "EUR",
      totalPrice: "89.00",
      placedAt: new Date("2026-11-10T10:00:00Z"),
      deliveredAt: new Date("2026-11-14T10:00:00Z"),
      lineItems: { create: { title: "Lampe Lune en céramique", quantity: 1, unitPrice: "89.00" } },
    },
  });
  await db.review.create({
    data: {
      customerId: customer.id,
      orderId: order.id,
      rating: 5,
      createdAt: new Date("2026-11-20T10:00:00Z"),
      externalId: "review-4471",
    },
  });
  const conversation = await db.conversation.create({
    data: {
      customerId: customer.id,
      mailboxHash: "hash-kept",
      subject: "Ma lampe zqx",
      status: "open",
      lastMessageAt: new Date("2026-11-19T11:00:00Z"),
    },
  });
  const sent = await db.message.create({
    data: {
      conversationId: conversation.id,
      direction: "outbound",
      channel: "email",
      authorType: "automation",
      toAddress: EMAIL,
      subject: "Votre lampe zqx",
      textBody: "Bonjour Zqxcamille",
      emailMessageId: "<sent-zqx@shop.example>",
      deliveryStatus: "delivered",
      createdAt: new Date("2026-11-19T10:00:00Z"),
      sentAt: new Date("2026-11-19T10:00:00Z"),
    },
  });
  await db.message.create({
    data: {
      conversationId: conversation.id,
      direction: "inbound",
      channel: "email",
      authorType: "customer",
      fromAddress: EMAIL,
      toAddress: "reply@shop.example",
      subject: "Re: Votre lampe zqx",
      textBody: "Merci zqx, elle est superbe",
      strippedText: "elle est superbe zqx",
      htmlBody: "<p>zqx html</p>",
      emailMessageId: "<reply-zqx@example.test>",
      inReplyTo: "<sent-zqx@shop.example>",
      references: "<sent-zqx@shop.example>",
      deliveryStatus: "received",
      createdAt: new Date("2026-11-19T11:00:00Z"),
      sentiment: "positive",
      intent: "praise",
      attachments: {
        create: {
          filename: "zqx-photo.jpg",
          contentType: "image/jpeg",
          size: 7,
          content: new Uint8Array(Buffer.from("zqxdata")),
        },
      },
    },
  });
  await db.message.create({
    data: {
      conversationId: conversation.id,
      direction: "outbound",
      channel: "email",
      authorType: "staff",
      isInternalNote: true,
      textBody: "Note: zqx called about the cable",
      deliveryStatus: "received",
      createdAt: new Date("2026-11-19T12:00:00Z"),
    },
  });
  const category = await db.frictionCategory.create({
    data: { key: "delivery", name: "Delivery", status: "confirmed" },
  });
  await db.frictionMark.create({
    data: { conversationId: conversation.id, categoryId: category.id, note: "zqx lives far from the depot" },
  });
  const review = await db.scheduledMessage.create({
    data: {
      flow: "post_delivery",
      step: "day5",
      channel: "email",
      customerId: customer.id,
      orderId: order.id,
      conversationId: conversation.id,
      dueAt: new Date("2026-11-19T10:00:00Z"),
      status: "sent",
      sentAt: new Date("2026-11-19T10:00:00Z"),
      sentMessageId: sent.id,
      idempotencyKey: "day5-key",
      lastError: `first try: Postmark refused ${EMAIL}`,
    },
  });
  const pending = await db.scheduledMessage.create({
    data: {
      flow: "post_delivery",
      step: "day14",
      channel: "email",
      customerId: customer.id,
      orderId: order.id,
      dueAt: new Date("2026-11-28T10:00:00Z"),
      idempotencyKey: "day14-key-9931",
    },
  });
  const link = await db.trackedLink.create({
    data: {
      token: "link-token-kept",
      kind: "review",
      targetUrl: "https://g.page/r/shop/review",
      customerId: customer.id,
      messageId: sent.id,
      scheduledMessageId: review.id,
    },
  });
  await db.linkClick.create({
    data: { linkId: link.id, clickedAt: new Date("2026-11-19T13:00:00Z"), userAgent: "Mozilla/5.0 zqx-phone" },
  });
  await db.trackedLink.create({
    data: {
      token: "cart-link-token",
      kind: "checkout",
      targetUrl: "https://shop.example/cart/zqx-cart-token?key=1",
      customerId: customer.id,
    },
  });
  // The same person on a second record: created by an SMS from their number before any order named it.
  const twin = await db.customer.create({ data: { phone: "+33699990003" } });
  await db.phoneNumber.create({ data: { number: "+33699990003", customerId: twin.id } });
  const twinThread = await db.conversation.create({
    data: {
      customerId: twin.id,
      mailboxHash: "twin-hash",
      status: "open",
      lastMessageAt: new Date("2026-11-18T10:00:00Z"),
    },
  });
  await db.message.create({
    data: {
      conversationId: twinThread.id,
      direction: "inbound",
      channel: "sms",
      authorType: "customer",
      fromAddress: "+33699990003",
      textBody: "zqx c'est Camille, mon autre numéro",
      deliveryStatus: "received",
      createdAt: new Date("2026-11-18T10:00:00Z"),
    },
  });
  await db.auditLog.create({
    data: {
      action: "customer.email_unsubscribed",
      entityType: "customer",
      entityId: customer.id,
      data: { conversationId: conversation.id, note: "asked by zqx" },
    },
  });
  await db.auditLog.create({
    data: {
      action: "conversation.friction_marked",
      entityType: "conversation",
      entityId: conversation.id,
      data: { note: "zqx again" },
    },
  });
  await db.outboxMessage.create({
    data: {
      channel: "email",
      providerMessageId: "outbox-1",
      fromAddress: "lea@shop.example",
      toAddress: EMAIL,
      subject: "Votre lampe",
      textBody: "Bonjour zqx",
    },
  });
  // An SMS of theirs that failed while being stored, kept for a replay (form-encoded, as Twilio sends).
  const failure = {
    endpoint: "twilio.sms",
    provider: "twilio",
    topic: "sms",
    reason: "error",
    error: "Error: could not extend file",
  } as const;
  await db.webhookFailure.create({
    data: { ...failure, payload: `MessageSid=SM1&From=${encodeURIComponent(PHONE)}&Body=zqx+toujours+rien` },
  });
  await db.webhookFailure.create({
    data: {
      ...failure,
      endpoint: "postmark.inbound",
      provider: "postmark",
      topic: "inbound",
      payload: JSON.stringify({ FromFull: { Email: "other@example.test" }, TextBody: "keep this failed one" }),
    },
  });

  const other = await db.customer.create({ data: { email: "other@example.test", firstName: "Other" } });
  const otherThread = await db.conversation.create({
    data: {
      customerId: other.id,
      mailboxHash: "other-hash",
      status: "open",
      lastMessageAt: new Date("2026-11-19T10:00:00Z"),
    },
  });
  await db.message.create({
    data: {
      conversationId: otherThread.id,
      direction: "inbound",
      channel: "email",
      authorType: "customer",
      fromAddress: "other@example.test",
      textBody: "keep this one",
      deliveryStatus: "received",
      createdAt: new Date("2026-11-19T10:00:00Z"),
    },
  });
  return { customer, pending, other, twin };
}

/** Every text, JSON, binary and search column of every table, searched for the customer's values. */
async function personalDataLeft(): Promise<string[]> {
  const columns = await db.$queryRaw<{ table: string; column: string; type: string }[]>`
    SELECT table_name AS table, column_name AS column, data_type AS type FROM information_schema.columns
    WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'bytea', 'tsvector', 'ARRAY', 'USER-DEFINED')
      AND table_name <> '_prisma_migrations'`;
  const found: string[] = [];
  for (const { table, column, type } of columns) {
    const text = type === "bytea" ? `encode("${column}", 'escape')` : `"${column}"::text`;
    for (const value of PERSONAL) {
      const [{ count }] = await db.$queryRawUnsafe<[{ count: bigint }]>(
        `SELECT count(*) AS count FROM "${table}" WHERE ${text} ILIKE $1`,
        `%${value}%`,
      );
      if (count > 0n) found.push(`${table}.${column} holds ${value}`);
    }
  }
  return found;
}

describe("customer data requests and erasure", () => {
  it("the scan sees planted data (so a clean scan means something)", async () => {
    await plantCustomer();
    const left = await personalDataLeft();
    for (const place of [
      "Customer.email",
      "Message.textBody",
      "Message.htmlBody",
      "Attachment.content",
      "Attachment.filename",
      "LinkClick.userAgent",
      "AuditLog.data",
      "ConsentEvent.address",
      "Checkout.checkoutUrl",
      "OutboxMessage.toAddress",
      "FrictionMark.note",
      "PhoneNumber.number",
      "ScheduledMessage.lastError",
      "Message.searchVector",
      "TrackedLink.targetUrl",
      "WebhookFailure.payload",
    ]) {
      expect(
        left.some((entry) => entry.startsWith(`${place} `)),
        place,
      ).toBe(true);
    }
  });

  it("answers a Shopify data request with an export holding the customer's data from every table", async () => {
    const { customer } = await plantCustomer();
    const response = await POST(
      shopifyRequest("customers/data_request", {
        shop_id: 1,
        shop_domain: "atelier-lune.myshopify.com",
        customer: { id: Number(SHOPIFY_ID), email: EMAIL, phone: PHONE },
        orders_requested: [1],
        data_request: { id: 9 },
      }),
    );
    expect(response.status).toBe(200);
    await settleBackgroundWork();
    const request = await db.privacyRequest.findFirstOrThrow({ where: { kind: "export" } });
    expect(request).toMatchObject({ source: "shopify", customerId: customer.id, outcome: "exported" });
    expect(request.completedAt).not.toBeNull();
    const exported = JSON.stringify(request.export);
    for (const value of [
      EMAIL,
      PHONE,
      OTHER_PHONE,
      "Zqxmartin",
      "zqx wording seen at checkout",
      "STOP zqx",
      "https://shop.example/cart/zqx",
      "Lampe Lune en céramique",
      "review-4471",
      "Ma lampe zqx",
      "elle est superbe zqx",
      "<p>zqx html</p>",
      "zqx-photo.jpg",
      "Note: zqx called",
      "zqx lives far",
      "day14-key-9931",
      "Postmark refused",
      "zqx-phone",
      "asked by zqx",
      "zqx again",
      "#1001",
      "zqx+toujours+rien",
    ]) {
      expect(exported, value).toContain(value);
    }
    expect(exported).not.toContain("keep this one");
    expect(exported).not.toContain("keep this failed one");
    expect(exported).not.toContain("zqxdata"); // attachments as metadata, not content
    expect(await db.auditLog.count({ where: { action: "customer.data_exported", entityId: customer.id } })).toBe(1);
  });

  it("erases the customer everywhere on customers/redact, keeps the report's figures, and a redelivery or a late order brings nothing back", async () => {
    const { customer, pending, other } = await plantCustomer();
    const before = await outcomeMetrics(WEEK);
    // The figures an erasure must keep: one send, delivered, replied to, its review link clicked, a review.
    expect(before.totals.email).toMatchObject({
      sent: 1,
      delivered: 1,
      reviewClicks: 1,
      reviewsRecorded: 1,
      replyRate: expect.objectContaining({ numerator: 1 }),
    });
    const webhookId = "redact-1";
    // Shopify knows the person by id, email and the number they use now: the one on the second record.
    const payload = {
      shop_id: 1,
      shop_domain: "atelier-lune.myshopify.com",
      customer: { id: Number(SHOPIFY_ID), email: EMAIL, phone: "+33699990003" },
      orders_to_redact: [1],
    };
    expect((await POST(shopifyRequest("customers/redact", payload, { webhookId }))).status).toBe(200);
    await settleBackgroundWork();

    expect(await personalDataLeft()).toEqual([]);
    expect(await outcomeMetrics(WEEK)).toEqual(before);
    expect(await db.scheduledMessage.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({
      status: "cancelled",
    });
    expect(await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).toMatchObject({
      email: null,
      phone: null,
      firstName: null,
      externalId: null,
    });
    expect(await db.message.count({ where: { conversation: { customerId: customer.id } } })).toBe(3);
    expect(await db.order.count({ where: { customerId: customer.id } })).toBe(1);
    expect(await db.message.findFirstOrThrow({ where: { conversation: { customerId: other.id } } })).toMatchObject({
      textBody: "keep this one",
      fromAddress: "other@example.test",
    });
    expect((await db.webhookFailure.findMany({ where: { payload: { not: null } } })).map((f) => f.endpoint)).toEqual([
      "postmark.inbound",
    ]);
    const erasure = await db.auditLog.findFirstOrThrow({ where: { action: "customer.erased" } });
    expect(erasure.entityId).toBe(customer.id);
    expect(JSON.stringify(erasure.data)).toMatch(
      /erased 2 customer records: 2 conversation\(s\), 4 message\(s\), 1 attachment\(s\); 1 pending message\(s\) cancelled/,
    );
    expect(await db.trackedLink.findUniqueOrThrow({ where: { token: "cart-link-token" } })).toMatchObject({
      targetUrl: "https://shop.example/",
    });

    // The same delivery again: a duplicate, nothing changes.
    const requests = await db.privacyRequest.count();
    expect(await (await POST(shopifyRequest("customers/redact", payload, { webhookId }))).json()).toEqual({
      status: "duplicate",
      topic: "customers/redact",
    });
    expect(await db.privacyRequest.count()).toBe(requests);

    // An old order redelivered after the erasure: stored, counted, anonymous.
    const order = {
      ...fixture("shopify/checkout-update.json"),
      id: 6012345678999,
      name: "#1077",
      email: EMAIL,
      phone: PHONE,
      created_at: "2026-11-25T10:00:00+01:00",
      financial_status: "paid",
      currency: "EUR",
      total_price: "10.00",
      line_items: [],
      customer: {
        id: Number(SHOPIFY_ID),
        email: EMAIL,
        first_name: "Zqxcamille",
        last_name: "Zqxmartin",
        phone: PHONE,
      },
    };
    expect((await POST(shopifyRequest("orders/create", order))).status).toBe(200);
    expect(await db.order.findUniqueOrThrow({ where: { externalId: "6012345678999" } })).toMatchObject({
      customerId: null,
    });
    expect(await personalDataLeft()).toEqual([]);

    // The person ordering again after the erasure gives their details anew: they are kept.
    const later = {
      ...order,
      id: 6012345678777,
      name: "#1099",
      created_at: new Date(Date.now() + 3_600_000).toISOString(),
    };
    expect((await POST(shopifyRequest("orders/create", later))).status).toBe(200);
    expect(
      await db.order.findUniqueOrThrow({
        where: { externalId: "6012345678777" },
        select: { customer: { select: { email: true } } },
      }),
    ).toEqual({ customer: { email: EMAIL } });
  });

  it("erases a whole shop on shop/redact, and resumes a request a crash left pending", async () => {
    await plantCustomer();
    // Recorded but never carried out (the process died after the answer).
    await recordPrivacyRequest({ kind: "erase_shop", source: "shopify" });
    expect(await carryOutPendingPrivacyRequests(new Date(Date.now() + 120_000))).toBe(1);
    expect(await personalDataLeft()).toEqual([]);
    expect(await db.customer.count({ where: { erasedAt: null } })).toBe(0);
    expect(await db.message.count()).toBe(5);
    const request = await db.privacyRequest.findFirstOrThrow();
    expect(request.outcome).toBe("shop data erased: 3 customer(s)");
    // Done once: carrying it out again does nothing.
    expect(await carryOutPrivacyRequest(request.id)).toBeNull();
  });

  it("remembers who a request named even when nothing is held about them, and refuses a request that names no one", async () => {
    expect(
      (await POST(shopifyRequest("customers/redact", { shop_id: 1, customer: { email: "never.seen@example.test" } })))
        .status,
    ).toBe(200);
    await settleBackgroundWork();
    expect(await db.privacyRequest.findFirstOrThrow()).toMatchObject({
      outcome: "no data held about this customer",
      email: null,
    });
    const checkout = {
      ...fixture("shopify/checkout-update.json"),
      email: "never.seen@example.test",
      customer: { id: 5, email: "never.seen@example.test", first_name: "Nev" },
    };
    expect((await POST(shopifyRequest("checkouts/update", checkout))).status).toBe(200);
    expect(await db.customer.findFirst({ where: { email: "never.seen@example.test" } })).toBeNull();

    const refused = await POST(shopifyRequest("customers/redact", { shop_id: 1, customer: {} }));
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatch(/an id, email or phone is required/);
  });
});

describe("an admin's export and erasure", () => {
  it("exports at once for download, erases once (a second erasure is refused), and the export goes with the data", async () => {
    const { customer, twin } = await plantCustomer();
    const admin = await db.user.create({
      data: { email: "admin@shop.test", name: "Admin", role: "admin", passwordHash: "x" },
    });
    const { requestId } = await exportCustomerForAdmin(customer.id, admin.id);
    expect(JSON.stringify((await storedExport(requestId))?.export)).toContain(EMAIL);

    expect(await eraseCustomerForAdmin(customer.id, admin.id)).toMatch(/^erased: 1 conversation/);
    await expect(eraseCustomerForAdmin(customer.id, admin.id)).rejects.toMatchObject({
      code: "conflict",
      message: "This customer's data has already been erased.",
    });
    expect((await storedExport(requestId))?.export ?? null).toBeNull();
    // An admin erases the record they chose; the person's second record is theirs to erase too.
    expect(await personalDataLeft()).toContain("Customer.phone holds 699990003");
    await eraseCustomerForAdmin(twin.id, admin.id);
    expect(await personalDataLeft()).toEqual([]);
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "customer.erased" } })).toMatchObject({
      actorUserId: admin.id,
      entityId: customer.id,
    });
  });
});

describe("the audit log", () => {
  it("lists newest first, filters by user, system, action and day, and pages without gaps or repeats", async () => {
    const admin = await db.user.create({
      data: { email: "admin@shop.test", name: "Admin", role: "admin", passwordHash: "x" },
    });
    const base = Date.parse("2026-11-20T10:00:00Z");
    await db.auditLog.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({
        actorUserId: i % 3 === 0 ? null : admin.id,
        action: i % 2 ? "settings.updated" : "conversation.assigned",
        entityType: "x",
        entityId: String(i),
        createdAt: new Date(base + Math.floor(i / 4) * 3_600_000),
      })),
    });
    const seen: string[] = [];
    let before: string | undefined;
    for (let page = 0; page < 5; page++) {
      const { entries, nextCursor } = await listAuditEntries({ before });
      seen.push(...entries.map((e) => e.entityId!));
      if (!nextCursor) break;
      before = nextCursor;
    }
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect(seen[0]).toMatch(/^11[6-9]$/); // the last hour's four, newest first

    expect((await listAuditEntries({ userId: "system" })).entries.every((e) => e.actor === null)).toBe(true);
    expect((await listAuditEntries({ userId: admin.id })).entries.every((e) => e.actor?.name === "Admin")).toBe(true);
    expect((await listAuditEntries({ action: "settings.updated" })).entries).toHaveLength(50);
    const oneDay = await listAuditEntries({ from: "2026-11-21", to: "2026-11-21" });
    expect(oneDay.entries.every((e) => e.createdAt.toISOString().startsWith("2026-11-21"))).toBe(true);
    expect(oneDay.entries.length).toBeGreaterThan(0);
    expect(auditFiltersSchema.parse({ from: "yesterday", before: "'; DROP" })).toEqual({});
    // Well-formed but impossible: dropped, never an invalid date for the query.
    expect(
      auditFiltersSchema.parse({ from: "2024-13-01", to: "2026-02-30", before: "2026-99-01T00:00:00.000Z_x" }),
    ).toEqual({});
    expect(auditFiltersSchema.parse({ from: "2024-02-29" })).toEqual({ from: "2024-02-29" });
  });
});
