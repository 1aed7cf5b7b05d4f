// Correctly signed but malformed deliveries: fields dropped, retyped, nulled or filled with odd
// Unicode. A provider retries a 5xx for hours, so every one must get a 2xx (stored, ignored or a
// duplicate) or a 4xx with a reason, and the app must stay healthy after a few hundred of them.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { POST as postmarkEvents } from "@/app/api/webhooks/postmark/events/route";
import { POST as postmarkInbound } from "@/app/api/webhooks/postmark/inbound/route";
import { POST as shopifyWebhook } from "@/app/api/webhooks/shopify/route";
import { POST as twilioSms } from "@/app/api/webhooks/twilio/sms/route";
import { POST as twilioStatus } from "@/app/api/webhooks/twilio/status/route";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { settleBackgroundWork } from "@/lib/http/run-after-response";
import { makeCustomer, makeShopSettings } from "../support/factories";
import { withProviderEnv } from "../support/test-env";
import { fixture, shopifyRequest } from "../support/shopify";
import { TWILIO_TEST, twilioFixture, twilioRequest } from "../support/twilio";

withProviderEnv(() => ({
  APP_URL: TWILIO_TEST.appUrl,
  TWILIO_ACCOUNT_SID: TWILIO_TEST.sid,
  TWILIO_AUTH_TOKEN: TWILIO_TEST.token,
  TWILIO_FROM_NUMBER: TWILIO_TEST.from,
  POSTMARK_WEBHOOK_USER: "postmark",
  POSTMARK_WEBHOOK_PASSWORD: "webhook-password",
}));

const RUNS = 120;
// One seed, so a run is reproducible; FUZZ_SEED=random explores others (fast-check prints the seed
// of a failure, to pin it here as a regression).
const seed = process.env.FUZZ_SEED === "random" ? Date.now() : Number(process.env.FUZZ_SEED ?? 20261130);
fc.configureGlobal({ seed });
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// Strings that have broken JSON columns, unique keys or text handling before.
const oddText = fc.oneof(
  fc.constantFrom(
    "\uD800",
    "abc\uDC00",
    "nul\u0000byte",
    "\u202Eevil",
    "😀🎉",
    "",
    "   ",
    "x".repeat(3000),
    "<script>alert(1)</script>",
    "'; drop table",
    "−12.5",
    "١٢٣",
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
);
const oddValue: fc.Arbitrary<Json | undefined> = fc.oneof(
  { weight: 3, arbitrary: oddText },
  { weight: 2, arbitrary: fc.constant(undefined) }, // dropped
  { weight: 2, arbitrary: fc.constant(null) },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2)),
  },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom<Json>([], {}, [null], { a: "\uD800" }, ["\u0000"]) },
);

/** Every path to a value in the payload, so a mutation can hit any field at any depth. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, child]) => pathsOf(child, [...prefix, key]))].filter((p) => p.length > 0);
}

function mutate(payload: Json, mutations: { path: (string | number)[]; value: Json | undefined }[]): Json {
  const copy = structuredClone(payload);
  for (const { path, value } of mutations) {
    let parent: Json = copy;
    for (const key of path.slice(0, -1)) {
      parent = (parent as Record<string | number, Json>)?.[key] ?? null;
      if (parent === null || typeof parent !== "object") break;
    }
    if (parent === null || typeof parent !== "object") continue;
    const last = path[path.length - 1]!;
    if (value === undefined) delete (parent as Record<string | number, Json>)[last];
    else (parent as Record<string | number, Json>)[last] = value;
  }
  return copy;
}

const mutationsOf = (payload: Json) =>
  fc.array(fc.record({ path: fc.constantFrom(...pathsOf(payload)), value: oddValue }), { minLength: 1, maxLength: 3 });

async function expectNo5xx(response: Response, sent: unknown) {
  if (response.status >= 500)
    throw new Error(`${response.status} ${await response.text()} for ${JSON.stringify(sent).slice(0, 600)}`);
  expect(response.status).toBeLessThan(500);
}

const postmarkRequest = (route: string, body: Json) =>
  new Request(`http://localhost${route}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Basic ${Buffer.from("postmark:webhook-password").toString("base64")}`,
    },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  await settleBackgroundWork();
  await truncateAllTables();
  await makeShopSettings();
  // Someone to collide with: a known customer, a sent SMS and a sent mail with provider ids.
  const customer = await makeCustomer({ email: "camille.martin@example.net", phone: "+33612345678" });
  const conversation = await db.conversation.create({
    data: { customerId: customer.id, mailboxHash: "c_7Kq2xW", lastMessageAt: new Date() },
  });
  await db.message.createMany({
    data: [
      {
        conversationId: conversation.id,
        direction: "outbound",
        channel: "sms",
        authorType: "automation",
        textBody: "Hi",
        providerMessageId: `SM${"a".repeat(32)}`,
        toAddress: "+33612345678",
        deliveryStatus: "sent",
      },
      {
        conversationId: conversation.id,
        direction: "outbound",
        channel: "email",
        authorType: "automation",
        textBody: "Hi",
        providerMessageId: "b7bc2f4a-e38e-4336-af7d-e6c392c2f817",
        emailMessageId: "<recovery-0001@atelier-lune.example>",
        deliveryStatus: "sent",
      },
    ],
  });
});

describe("signed but malformed webhook deliveries never get a 5xx", () => {
  it("Shopify: checkouts, orders, fulfillments and privacy topics", async () => {
    const checkout = fixture<Json>("shopify/checkout-update.json");
    const fulfillment = fixture<Json>("shopify/fulfillment-update-delivered.json");
    const topics: [string, Json][] = [
      ["checkouts/update", checkout],
      [
        "orders/create",
        {
          id: 6012345678901,
          name: "#1042",
          email: "camille.martin@example.net",
          checkout_token: (checkout as { token: string }).token,
          created_at: "2026-11-22T21:10:00+01:00",
          financial_status: "paid",
          currency: "EUR",
          total_price: "94.90",
          line_items: (checkout as { line_items: Json }).line_items,
        },
      ],
      ["fulfillments/update", fulfillment],
      [
        "customers/data_request",
        {
          shop_id: 1,
          customer: { id: 1, email: "camille.martin@example.net", phone: "+33612345678" },
          orders_requested: [1],
        },
      ],
    ];
    for (const [topic, payload] of topics) {
      await fc.assert(
        fc.asyncProperty(mutationsOf(payload), async (mutations) => {
          const sent = mutate(payload, mutations);
          await expectNo5xx(await shopifyWebhook(shopifyRequest(topic, sent)), sent);
        }),
        { numRuns: RUNS / 2 },
      );
    }
  });

  it("Postmark: inbound mail and delivery events", async () => {
    const inbound = fixture<Json>("postmark/inbound-reply.json");
    await fc.assert(
      fc.asyncProperty(mutationsOf(inbound), fc.boolean(), async (mutations, fresh) => {
        // Half keep the fixture's MessageID and Message-ID, so duplicates meet mutations too.
        const sent = mutate(fresh ? { ...(inbound as object), MessageID: crypto.randomUUID() } : inbound, mutations);
        await expectNo5xx(await postmarkInbound(postmarkRequest("/api/webhooks/postmark/inbound", sent)), sent);
      }),
      { numRuns: RUNS },
    );
    for (const event of [
      fixture<Json>("postmark/bounce.json"),
      fixture<Json>("postmark/spam-complaint.json"),
      {
        RecordType: "Delivery",
        MessageID: "b7bc2f4a-e38e-4336-af7d-e6c392c2f817",
        Recipient: "camille.martin@example.net",
        DeliveredAt: "2026-11-23T08:02:00Z",
        ServerID: 1,
        MessageStream: "outbound",
        Tag: "",
        Details: "",
        Metadata: {},
      },
    ]) {
      await fc.assert(
        fc.asyncProperty(mutationsOf(event), async (mutations) => {
          const sent = mutate(event, mutations);
          await expectNo5xx(await postmarkEvents(postmarkRequest("/api/webhooks/postmark/events", sent)), sent);
        }),
        { numRuns: RUNS / 2 },
      );
    }
  });

  it("Twilio: inbound SMS and status callbacks", async () => {
    const inbound = twilioFixture("twilio/inbound-sms.txt");
    const status = {
      MessageSid: `SM${"a".repeat(32)}`,
      MessageStatus: "delivered",
      AccountSid: TWILIO_TEST.sid,
      From: TWILIO_TEST.from,
      To: "+33612345678",
      ApiVersion: "2010-04-01",
    };
    // Form fields are strings: a field is dropped, emptied or given odd text (or another message's id).
    const formValue = fc.oneof(
      oddText,
      fc.constant(undefined),
      fc.constantFrom(`SM${"a".repeat(32)}`, "b7bc2f4a-e38e-4336-af7d-e6c392c2f817", "SM", "+33612345678"),
    );
    const formMutations = (params: Record<string, string>) =>
      fc.array(fc.record({ key: fc.constantFrom(...Object.keys(params)), value: formValue }), {
        minLength: 1,
        maxLength: 3,
      });
    const apply = (params: Record<string, string>, mutations: { key: string; value: string | undefined }[]) => {
      const copy: Record<string, string> = {
        ...params,
        MessageSid:
          params.MessageSid === status.MessageSid ? params.MessageSid : `SM${crypto.randomUUID().replaceAll("-", "")}`,
      };
      for (const { key, value } of mutations) {
        if (value === undefined) delete copy[key];
        else copy[key] = value;
      }
      return copy;
    };
    await fc.assert(
      fc.asyncProperty(formMutations(inbound), async (mutations) => {
        const sent = apply(inbound, mutations);
        await expectNo5xx(await twilioSms(twilioRequest("/api/webhooks/twilio/sms", sent)), sent);
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(formMutations(status), async (mutations) => {
        const sent = apply(status, mutations);
        await expectNo5xx(await twilioStatus(twilioRequest("/api/webhooks/twilio/status", sent)), sent);
      }),
      { numRuns: RUNS / 2 },
    );
  });

  it("answers 4xx to the deliveries that once got a 500, found by this test", async () => {
    const checkout = fixture<Record<string, unknown> & { line_items: Record<string, unknown>[] }>(
      "shopify/checkout-update.json",
    );
    const item = checkout.line_items[0]!;
    const breakers: [string, Response][] = [
      [
        "an amount over Decimal(12, 2)",
        await shopifyWebhook(
          shopifyRequest("checkouts/update", { ...checkout, line_items: [{ ...item, price: 9999999999.995 }] }),
        ),
      ],
      [
        "a quantity over an Int",
        await shopifyWebhook(
          shopifyRequest("checkouts/update", { ...checkout, line_items: [{ ...item, quantity: 2 ** 40 }] }),
        ),
      ],
      [
        "an empty DeliveredAt",
        await postmarkEvents(
          postmarkRequest("/api/webhooks/postmark/events", {
            RecordType: "Delivery",
            MessageID: "b7bc2f4a-e38e-4336-af7d-e6c392c2f817",
            Recipient: "camille.martin@example.net",
            DeliveredAt: "",
          }),
        ),
      ],
    ];
    expect(breakers.map(([what, response]) => [what, response.status])).toEqual(breakers.map(([what]) => [what, 400]));
    // A lone surrogate in a product title is stored as U+FFFD, not refused by PostgreSQL.
    const named = await shopifyWebhook(
      shopifyRequest("checkouts/update", { ...checkout, line_items: [{ ...item, title: "Lampe Lune\uD800" }] }),
    );
    expect(named.status).toBe(200);
    expect(await db.lineItem.count({ where: { title: "Lampe Lune\uFFFD" } })).toBe(1);
  });

  it("leaves the app healthy: the health route answers and background work settles without a failure", async () => {
    await settleBackgroundWork();
    const response = await health();
    expect(response.status).toBe(200);
    expect(await db.message.count()).toBeGreaterThan(2);
  });
});
