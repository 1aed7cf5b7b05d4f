import { beforeEach, describe, expect, it } from "vitest";
import { GET as cronDispatch } from "@/app/api/cron/dispatch/route";
import { POST as shopifyWebhook } from "@/app/api/webhooks/shopify/route";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { dispatchDueMessages } from "@/lib/jobs/dispatch-due-messages";
import { STEPS, idempotencyKey } from "@/lib/outbound/flow-steps";
import { MAX_ATTEMPTS } from "@/lib/delivery/retry-policy";
import { smsSize } from "@/lib/sms/sms-segments";
import { ensureDefaultTemplates } from "@/lib/templates/ensure-default-templates";
import { withFakeProviders } from "../support/fake-provider-env";
import { makeCustomer, makeOrder, makeShopSettings, setSmsState, smsStateOfNumber } from "../support/factories";
import { fixture, shopifyRequest } from "../support/shopify";

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const fakes = withFakeProviders();

beforeEach(async () => {
  await truncateAllTables();
  await makeShopSettings();
  await ensureDefaultTemplates();
});

const checkout = fixture("shopify/checkout-update.json");
const checkoutActivity = new Date("2026-11-22T19:47:55Z");
const at = (base: Date, ms: number) => () => new Date(base.getTime() + ms);

describe("abandoned-checkout help email", () => {
  it("goes out an hour after the last checkout activity, in the founder's voice, threaded for the reply", async () => {
    await shopifyWebhook(shopifyRequest("checkouts/update", checkout));
    expect(await dispatchDueMessages({ now: at(checkoutActivity, 59 * MIN) })).toMatchObject({
      abandonedCheckouts: 0,
      results: {},
    });
    expect(fakes.postmark.sent).toHaveLength(0);

    const report = await dispatchDueMessages({ now: at(checkoutActivity, 61 * MIN) });
    expect(report).toMatchObject({ abandonedCheckouts: 1, results: { sent: 1 } });
    const [email] = fakes.postmark.sent;
    const conversation = await db.conversation.findFirstOrThrow({ include: { messages: true } });
    expect(email).toMatchObject({
      From: '"Léa" <lea@atelier-lune.example>',
      To: "camille.martin@example.net",
      ReplyTo: `4f8c2b1e9d7a+${conversation.mailboxHash}@inbound.postmarkapp.com`,
      Subject: "Un souci avec votre commande ?",
      MessageStream: "outbound",
    });
    expect(email!.TextBody).toContain("Bonjour Camille,");
    expect(email!.TextBody).toContain("Je suis Léa, je m'occupe d'Atelier Lune.");
    expect(email!.TextBody).toContain("Les frais de port vous ont surpris ?");
    expect(email!.TextBody).toContain("Ouvrez d'abord l'application de votre banque");
    expect(email!.TextBody).toContain("code postal de facturation");
    expect(email!.TextBody).toContain("Répondez simplement à cet e-mail");
    expect(email!.TextBody).toContain(checkout.abandoned_checkout_url as string);
    expect(email!.TextBody).not.toMatch(/%|réduction|discount|\{\{/i);
    expect(email!.HtmlBody).toContain("<li");
    const headers = Object.fromEntries(email!.Headers.map((h) => [h.Name, h.Value]));
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(headers["List-Unsubscribe"]).toMatch(
      /^<https:\/\/inbox\.atelier-lune\.example\/u\/[^>]+>, <mailto:4f8c2b1e9d7a@inbound\.postmarkapp\.com\?subject=unsubscribe>$/,
    );

    const [message] = conversation.messages;
    expect(message).toMatchObject({
      direction: "outbound",
      channel: "email",
      authorType: "automation",
      deliveryStatus: "sent",
      providerMessageId: email!.MessageID,
      emailMessageId: headers["Message-ID"],
    });
    expect(await db.scheduledMessage.findFirstOrThrow()).toMatchObject({
      status: "sent",
      sentMessageId: message!.id,
      attempts: 1,
    });
  });

  it("is not sent when the order is placed first", async () => {
    // A shop that waits another hour after abandonment (Settings) before writing.
    await db.shopSettings.update({ where: { id: 1 }, data: { abandonedHelpDelayMinutes: 60 } });
    await shopifyWebhook(shopifyRequest("checkouts/update", checkout));
    await dispatchDueMessages({ now: at(checkoutActivity, 61 * MIN) });
    await shopifyWebhook(
      shopifyRequest("orders/create", {
        id: 1,
        name: "#1042",
        email: checkout.email,
        checkout_token: checkout.token,
        created_at: "2026-11-22T22:00:00+01:00",
        currency: "EUR",
        total_price: "94.90",
        line_items: [],
      }),
    );
    expect(await dispatchDueMessages({ now: at(checkoutActivity, 3 * 60 * MIN) })).toMatchObject({ results: {} });
    expect(fakes.postmark.sent).toHaveLength(0);
    expect(await db.scheduledMessage.findFirstOrThrow()).toMatchObject({ status: "cancelled" });
  });

  it("is not sent to someone who unsubscribed in between", async () => {
    await db.shopSettings.update({ where: { id: 1 }, data: { abandonedHelpDelayMinutes: 60 } });
    await shopifyWebhook(shopifyRequest("checkouts/update", checkout));
    await dispatchDueMessages({ now: at(checkoutActivity, 61 * MIN) });
    await db.customer.updateMany({ data: { emailUnsubscribedAt: new Date() } });
    expect((await dispatchDueMessages({ now: at(checkoutActivity, 121 * MIN) })).results).toEqual({ skipped: 1 });
    expect(fakes.postmark.sent).toHaveLength(0);
  });
});

describe("post-delivery sequence and SMS", () => {
  const deliveredAt = new Date("2026-11-26T13:05:31Z"); // a Thursday, 14:05 in Paris

  async function deliveredOrder(customerOverrides = {}) {
    const customer = await makeCustomer({
      firstName: "Camille",
      email: "camille@example.test",
      phone: "+33612345678",
      smsConsentAt: new Date("2026-11-20"),
      timeZone: "Europe/Paris",
      ...customerOverrides,
    });
    const order = await makeOrder(customer.id, { deliveredAt });
    await db.$transaction(async (tx) =>
      (await import("@/lib/outbound/schedule-post-delivery")).schedulePostDelivery(order.id, tx),
    );
    return { customer, order };
  }

  it("day 1 checks in without asking for a review; on day 5 the SMS is the one review ask, and the email is not sent", async () => {
    await deliveredOrder();
    expect((await dispatchDueMessages({ now: at(deliveredAt, DAY) })).results).toEqual({ sent: 1 });
    const [checkIn] = fakes.postmark.sent;
    expect(checkIn!.Subject).toBe("Votre commande est bien arrivée ?");
    expect(checkIn!.TextBody).not.toMatch(/avis|\/r\//);
    expect(checkIn!.TextBody).toContain("Deux conseils pour les premiers jours");
    expect(checkIn!.TextBody).toContain("répondez simplement à cet e-mail");

    expect((await dispatchDueMessages({ now: at(deliveredAt, 5 * DAY) })).results).toEqual({ sent: 1, skipped: 1 });
    expect(fakes.postmark.sent).toHaveLength(1);
    expect(await db.scheduledMessage.findFirstOrThrow({ where: { step: "day5" } })).toMatchObject({
      status: "skipped",
      statusReason: "skipped: the SMS is this order's review request",
    });
    const [sms] = fakes.twilio.sent;
    expect(sms).toMatchObject({
      to: "+33612345678",
      from: "+33757000111",
      statusCallback: "https://inbox.atelier-lune.example/api/webhooks/twilio/status",
    });
    expect(sms!.body).toMatch(
      /^Camille, ici Léa d'Atelier Lune\. Que pensez-vous de votre Lampe Lune \? Un avis m'aiderait : https:\/\/inbox\.atelier-lune\.example\/r\/[\w-]{10} STOP SMS$/,
    );
    expect(smsSize(sms!.body).segments).toBe(1);
    const smsMessage = await db.message.findFirstOrThrow({ where: { channel: "sms" } });
    expect(smsMessage).toMatchObject({
      smsSegments: smsSize(sms!.body).segments,
      textBody: sms!.body,
      authorType: "automation",
      providerMessageId: sms!.sid,
    });
    expect(smsSize(sms!.body).encoding).toBe("GSM-7");

    const link = await db.trackedLink.findFirstOrThrow({ where: { messageId: smsMessage.id } });
    expect(new URL(link.targetUrl).searchParams.get("utm_medium")).toBe("sms");
    expect(new URL(link.targetUrl).searchParams.get("utm_campaign")).toBe("sms_review_request");
  });

  it("skips the day 14 reminder once the review link was clicked, and sends it otherwise", async () => {
    const { customer } = await deliveredOrder();
    await dispatchDueMessages({ now: at(deliveredAt, 5 * DAY) });
    const link = await db.trackedLink.findFirstOrThrow({ where: { customerId: customer.id, kind: "review" } });
    await db.linkClick.create({ data: { linkId: link.id } });
    expect((await dispatchDueMessages({ now: at(deliveredAt, 14 * DAY) })).results).toEqual({ skipped: 1 });

    await truncateAllTables();
    await makeShopSettings();
    await ensureDefaultTemplates();
    await deliveredOrder({ phone: null });
    // Without SMS consent the day-5 email is the ask.
    for (const day of [1, 5, 14])
      expect((await dispatchDueMessages({ now: at(deliveredAt, day * DAY) })).results).toEqual({ sent: 1 });
    expect(fakes.postmark.sent.filter((email) => /\/r\//.test(email.TextBody))).toHaveLength(2);
  });

  it("defers a night-time SMS to 10:00 in the customer's zone, then sends it", async () => {
    await deliveredOrder({ phone: "+14155550142", timeZone: "America/Los_Angeles", email: null });
    const night = new Date("2026-12-02T09:00:00Z"); // 01:00 in Los Angeles, after the 5-day delay
    expect((await dispatchDueMessages({ now: () => night })).results).toEqual({ deferred: 1 });
    expect(fakes.twilio.sent).toHaveLength(0);
    const deferred = await db.scheduledMessage.findFirstOrThrow({ where: { channel: "sms" } });
    expect(deferred).toMatchObject({ status: "scheduled", dueAt: new Date("2026-12-02T18:00:00Z"), attempts: 0 });
    expect((await dispatchDueMessages({ now: () => new Date("2026-12-02T17:59:00Z") })).results).toEqual({});
    expect((await dispatchDueMessages({ now: () => new Date("2026-12-02T18:00:00Z") })).results).toEqual({ sent: 1 });
  });

  it("sends nothing by SMS after a STOP that came between scheduling and sending", async () => {
    await deliveredOrder({ email: null });
    for (const { phone } of await db.customer.findMany({ where: { phone: { not: null } } }))
      await setSmsState(phone!, { smsOptedOutAt: new Date() });
    expect((await dispatchDueMessages({ now: at(deliveredAt, 6 * DAY) })).results).toEqual({ skipped: 1 });
    expect(fakes.twilio.sent).toHaveLength(0);
  });
});

describe("founder approval", () => {
  it("sends only the approved version, never a newer draft", async () => {
    const template = await db.template.findFirstOrThrow({
      where: { key: "post_delivery_day1", channel: "email", locale: "fr" },
    });
    await db.templateVersion.create({
      data: {
        templateId: template.id,
        number: 2,
        subject: "BROUILLON",
        body: "Texte pas encore approuvé",
        status: "pending_approval",
      },
    });
    const customer = await makeCustomer();
    const order = await makeOrder(customer.id, { deliveredAt: new Date("2026-11-26T13:05:31Z") });
    await db.$transaction(async (tx) =>
      (await import("@/lib/outbound/schedule-post-delivery")).schedulePostDelivery(order.id, tx),
    );
    await dispatchDueMessages({ now: () => new Date("2026-11-27T14:00:00Z") });
    expect(fakes.postmark.sent.map((email) => email.Subject)).toEqual(["Votre commande est bien arrivée ?"]);
    expect(await db.scheduledMessage.findFirstOrThrow({ where: { step: "day1" } })).toMatchObject({
      templateVersionId: template.approvedVersionId,
    });
  });

  it("fails the message, with the reason, when no approved version exists", async () => {
    await db.template.updateMany({ where: { key: "post_delivery_day1" }, data: { approvedVersionId: null } });
    const customer = await makeCustomer();
    const order = await makeOrder(customer.id, { deliveredAt: new Date("2026-11-26T13:05:31Z") });
    await db.$transaction(async (tx) =>
      (await import("@/lib/outbound/schedule-post-delivery")).schedulePostDelivery(order.id, tx),
    );
    expect((await dispatchDueMessages({ now: () => new Date("2026-11-27T14:00:00Z") })).results).toEqual({ failed: 1 });
    expect(await db.scheduledMessage.findFirstOrThrow({ where: { step: "day1" } })).toMatchObject({
      status: "failed",
      lastError: 'No approved "post_delivery_day1" email template in fr or fr',
    });
    expect(fakes.postmark.sent).toHaveLength(0);
  });
});

describe("delivery guarantees", () => {
  async function dueEmails(count: number, dueAt = new Date("2026-11-23T10:00:00Z")) {
    const customers = await Promise.all(
      Array.from({ length: count }, (_, i) => makeCustomer({ email: `c${i}@example.test`, firstName: `C${i}` })),
    );
    await db.scheduledMessage.createMany({
      data: customers.map((customer) => ({
        flow: "post_delivery" as const,
        step: "day1",
        channel: "email" as const,
        customerId: customer.id,
        dueAt,
        idempotencyKey: idempotencyKey(STEPS.checkIn, customer.id),
      })),
    });
  }
  const later = (minutes: number) => () => new Date(new Date("2026-11-23T10:00:00Z").getTime() + minutes * MIN);

  it("four dispatchers at once send each of 1,000 due messages exactly once", async () => {
    await dueEmails(1000);
    const reports = await Promise.all(
      [1, 2, 3, 4].map(() => dispatchDueMessages({ now: later(1), timeBudgetMs: 120_000 })),
    );
    expect(reports.reduce((sum, r) => sum + (r.results.sent ?? 0), 0)).toBe(1000);
    expect(fakes.postmark.sent).toHaveLength(1000);
    expect(new Set(fakes.postmark.sent.map((email) => email.To)).size).toBe(1000);
    expect(await db.scheduledMessage.count({ where: { status: "sent" } })).toBe(1000);
    expect(await db.message.count()).toBe(1000);
  }, 180_000);

  it("sends to several customers at once (a bounded number), while the provider is answering", async () => {
    await dueEmails(30);
    fakes.postmark.latencyMs = 40;
    expect((await dispatchDueMessages({ now: later(1) })).results).toEqual({ sent: 30 });
    expect(fakes.postmark.maxInFlight).toBeGreaterThan(1);
    expect(fakes.postmark.maxInFlight).toBeLessThanOrEqual(env().DISPATCH_CONCURRENCY);
  });

  it("sends one customer's due messages one after the other, so the rules see the earlier ones", async () => {
    const customer = await makeCustomer({ email: "one@example.test" });
    await db.scheduledMessage.createMany({
      data: [1, 2, 3].map((n) => ({
        flow: "post_delivery" as const,
        step: "day1",
        channel: "email" as const,
        customerId: customer.id,
        dueAt: new Date("2026-11-23T10:00:00Z"),
        idempotencyKey: `one-${n}`,
      })),
    });
    fakes.postmark.latencyMs = 40;
    expect((await dispatchDueMessages({ now: later(1) })).results).toEqual({ sent: 3 });
    expect(fakes.postmark.maxInFlight).toBe(1);
  });

  it("loses nothing and sends nothing twice when Postmark fails half the calls with 500", async () => {
    await dueEmails(40);
    fakes.postmark.failEvery(2, { status: 500, body: { ErrorCode: 0, Message: "Internal server error" } });
    let minutes = 1;
    for (
      let run = 0;
      run < 12 && (await db.scheduledMessage.count({ where: { status: { not: "sent" } } })) > 0;
      run++
    ) {
      await dispatchDueMessages({ now: later(minutes) });
      minutes += 70; // past the longest backoff
    }
    expect(fakes.postmark.sent).toHaveLength(40);
    expect(new Set(fakes.postmark.sent.map((email) => email.To)).size).toBe(40);
    expect(await db.scheduledMessage.count({ where: { status: "sent" } })).toBe(40);
  }, 60_000);

  it("retries a 429 no sooner than Retry-After, then gives up after the attempt limit", async () => {
    await dueEmails(1);
    fakes.postmark.failNext({
      status: 429,
      body: { ErrorCode: 0, Message: "Rate limit exceeded" },
      headers: { "retry-after": "600" },
    });
    expect((await dispatchDueMessages({ now: later(1) })).results).toEqual({ retry: 1 });
    expect((await db.scheduledMessage.findFirstOrThrow()).dueAt).toEqual(later(11)());

    fakes.postmark.failEvery(1, { status: 503, body: { ErrorCode: 0, Message: "Unavailable" } });
    for (let run = 0; run < MAX_ATTEMPTS + 2; run++) await dispatchDueMessages({ now: later(12 + run * 70) });
    const failed = await db.scheduledMessage.findFirstOrThrow({ include: { sentMessage: true } });
    expect(failed).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, lastError: "Postmark 503: Unavailable" });
    expect(failed.sentMessage).toMatchObject({ deliveryStatus: "failed" });
    expect(fakes.postmark.sent).toHaveLength(0);
  });

  it("fails for good on an inactive recipient or an opted-out number, and suppresses them", async () => {
    await dueEmails(1);
    fakes.postmark.failNext({
      status: 422,
      body: { ErrorCode: 406, Message: "You tried to send to recipient(s) that have been marked as inactive." },
    });
    expect((await dispatchDueMessages({ now: later(1) })).results).toEqual({ failed: 1 });
    expect(await db.customer.findFirstOrThrow()).toMatchObject({
      emailSuppressedReason: expect.stringContaining("406"),
    });
    expect(await db.message.findFirstOrThrow()).toMatchObject({ deliveryStatus: "failed", deliveryErrorCode: "406" });

    const texter = await makeCustomer({
      phone: "+33698765432",
      smsConsentAt: new Date("2026-11-01"),
      timeZone: "Europe/Paris",
    });
    await db.scheduledMessage.create({
      data: {
        flow: "sms_review_request",
        step: "review",
        channel: "sms",
        customerId: texter.id,
        dueAt: later(0)(),
        idempotencyKey: "sms-1",
      },
    });
    fakes.twilio.failNext({
      status: 400,
      body: {
        code: 21610,
        message: "Attempt to send to unsubscribed recipient",
        more_info: "https://www.twilio.com/docs/errors/21610",
        status: 400,
      },
    });
    expect((await dispatchDueMessages({ now: later(2) })).results).toEqual({ failed: 1 });
    expect((await smsStateOfNumber(texter.phone!))?.optedOutAt).not.toBeNull();
    expect(await db.consentEvent.findFirstOrThrow({ where: { customerId: texter.id } })).toMatchObject({
      change: "revoked",
      source: "twilio_21610",
    });
  });

  it("settles a send whose answer was lost before any resend: found means sent, not found means requeued", async () => {
    await dueEmails(2);
    fakes.postmark.failNext("reset-after", "reset-before");
    expect((await dispatchDueMessages({ now: later(1) })).results).toEqual({ unknown: 2 });
    expect(fakes.postmark.sent).toHaveLength(1);

    const report = await dispatchDueMessages({ now: later(2) });
    expect(report.settled).toEqual({ sent: 1, requeued: 1 });
    expect(report.results).toEqual({ sent: 1 });
    expect(fakes.postmark.sent).toHaveLength(2);
    expect(new Set(fakes.postmark.sent.map((email) => email.To)).size).toBe(2);
    expect(await db.scheduledMessage.count({ where: { status: "sent" } })).toBe(2);
  });

  it("reclaims a message whose dispatcher died once its lease expires", async () => {
    await dueEmails(1);
    await db.scheduledMessage.updateMany({ data: { status: "sending", leaseExpiresAt: later(5)(), attempts: 1 } });
    expect(await dispatchDueMessages({ now: later(3) })).toMatchObject({ reclaimed: 0, results: {} });
    expect(await db.scheduledMessage.findFirstOrThrow()).toMatchObject({ status: "sending" });
    const report = await dispatchDueMessages({ now: later(10) });
    expect(report).toMatchObject({ reclaimed: 1, settled: { sent: 0, requeued: 1 } });
    expect(report.results).toEqual({ sent: 1 });
    expect(fakes.postmark.sent).toHaveLength(1);
  });
});

describe("GET /api/cron/dispatch", () => {
  it("needs the cron secret", async () => {
    expect((await cronDispatch(new Request("http://localhost/api/cron/dispatch"))).status).toBe(401);
    expect(
      (
        await cronDispatch(
          new Request("http://localhost/api/cron/dispatch", { headers: { authorization: "Bearer wrong" } }),
        )
      ).status,
    ).toBe(401);
    const ok = await cronDispatch(
      new Request("http://localhost/api/cron/dispatch", {
        headers: { authorization: `Bearer ${process.env.CRON_SECRET}` },
      }),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ channels: ["email", "sms"], results: {} });
  });
});
