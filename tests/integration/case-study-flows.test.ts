// The flows as the case studies ran them (issue #13): review asks paused only while a problem is
// open and never for longer than the shop allows, one automated review ask a day whatever the
// channel, the day-5 email when the SMS asks, stale steps skipped as too late, and the
// high-value cart SMS the next morning.
import { beforeEach, describe, expect, it } from "vitest";
import { POST as smsWebhook } from "@/app/api/webhooks/twilio/sms/route";
import { POST as shopifyWebhook } from "@/app/api/webhooks/shopify/route";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { settleBackgroundWork } from "@/lib/http/run-after-response";
import { dispatchDueMessages } from "@/lib/jobs/dispatch-due-messages";
import { schedulePostDelivery } from "@/lib/outbound/schedule-post-delivery";
import { SENT_AS_CHECK_IN } from "@/lib/outbound/send-scheduled-message";
import { TOO_LATE_REASON } from "@/lib/outbound/send-eligibility";
import { outcomeMetrics } from "@/lib/reports/outcome-metrics";
import { smsSize } from "@/lib/sms/sms-segments";
import { ensureDefaultTemplates } from "@/lib/templates/ensure-default-templates";
import { withFakeProviders } from "../support/fake-provider-env";
import { makeCustomer, makeOrder, makeShopSettings } from "../support/factories";
import { fixture, shopifyRequest } from "../support/shopify";
import { twilioFixture, twilioRequest } from "../support/twilio";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const fakes = withFakeProviders();

beforeEach(async () => {
  await settleBackgroundWork();
  await truncateAllTables();
  await makeShopSettings();
  await ensureDefaultTemplates();
});

const deliveredAt = new Date("2026-11-26T13:05:31Z"); // a Thursday, 14:05 in Paris
const after =
  (ms: number, base = deliveredAt) =>
  () =>
    new Date(base.getTime() + ms);

async function deliveredOrder(customerId: string, at = deliveredAt) {
  const order = await makeOrder(customerId, { deliveredAt: at });
  await db.$transaction((tx) => schedulePostDelivery(order.id, tx));
  return order;
}

const stepOf = (customerId: string, step: string, orderId?: string) =>
  db.scheduledMessage.findFirstOrThrow({ where: { customerId, step, ...(orderId ? { orderId } : {}) } });
const reviewLinks = (text: string) => text.match(/\/r\/[\w-]+/g) ?? [];

describe("review asks and an open problem", () => {
  it("pause while the problem is open, then go anyway once paused for the shop's maximum (7 days by default)", async () => {
    const customer = await makeCustomer({ email: "camille@example.test" });
    await deliveredOrder(customer.id);
    await db.conversation.create({
      data: {
        customerId: customer.id,
        mailboxHash: "h1",
        lastMessageAt: deliveredAt,
        needsHuman: true,
        intent: "problem",
        sentiment: "negative",
        waitingSince: deliveredAt,
      },
    });

    expect((await dispatchDueMessages({ now: after(DAY) })).results).toEqual({ sent: 1 }); // the check-in is never paused
    expect((await dispatchDueMessages({ now: after(5 * DAY) })).results).toEqual({ paused: 1 });
    expect(await stepOf(customer.id, "day5")).toMatchObject({ status: "paused", pausedAt: after(5 * DAY)() });

    // Six days later the problem is still open: still paused.
    expect((await dispatchDueMessages({ now: after(11 * DAY) })).results).toEqual({});
    // Seven days: the ask goes, with its review link, though nobody closed the conversation.
    expect((await dispatchDueMessages({ now: after(12 * DAY) })).results).toEqual({ sent: 1 });
    expect(await stepOf(customer.id, "day5")).toMatchObject({ status: "sent", pausedAt: after(5 * DAY)() });
    expect(reviewLinks(fakes.postmark.sent.at(-1)!.TextBody)).toHaveLength(1);
  });

  it("follow the shop's own maximum pause", async () => {
    await db.shopSettings.update({ where: { id: 1 }, data: { reviewPauseMaxDays: 2 } });
    const customer = await makeCustomer({ email: "camille@example.test" });
    await deliveredOrder(customer.id);
    await db.conversation.create({
      data: { customerId: customer.id, mailboxHash: "h1", lastMessageAt: deliveredAt, intent: "problem" },
    });
    await dispatchDueMessages({ now: after(5 * DAY) });
    expect((await dispatchDueMessages({ now: after(6 * DAY) })).results).toEqual({});
    expect((await dispatchDueMessages({ now: after(7 * DAY) })).results).toEqual({ sent: 1 });
  });
});

describe("one automated review ask a day, whatever the channel", () => {
  it("an email reminder due two hours after an SMS ask waits until a day after the SMS", async () => {
    const customer = await makeCustomer({
      email: "camille@example.test",
      phone: "+33612345678",
      smsConsentAt: new Date("2026-11-01"),
      timeZone: "Europe/Paris",
    });
    // Order A: its SMS review request falls due on day 5. Order B, delivered 9 days earlier (2 h
    // later in the day): its day-14 reminder falls due 2 hours after that SMS.
    await deliveredOrder(customer.id);
    const orderB = await deliveredOrder(customer.id, new Date(deliveredAt.getTime() - 9 * DAY + 2 * HOUR));
    await db.scheduledMessage.updateMany({
      where: { orderId: orderB.id, step: { not: "day14" } },
      data: { status: "cancelled" },
    });

    await dispatchDueMessages({ now: after(5 * DAY) });
    expect(fakes.twilio.sent).toHaveLength(1);
    const smsSentAt = (await db.scheduledMessage.findFirstOrThrow({ where: { channel: "sms", status: "sent" } }))
      .sentAt!;

    expect((await dispatchDueMessages({ now: after(5 * DAY + 2 * HOUR) })).results).toEqual({ deferred: 1 });
    expect(await stepOf(customer.id, "day14", orderB.id)).toMatchObject({
      status: "scheduled",
      statusReason: "deferred: one review request a day",
      dueAt: new Date(smsSentAt.getTime() + DAY),
    });
    expect((await dispatchDueMessages({ now: () => new Date(smsSentAt.getTime() + DAY - MIN) })).results).toEqual({});
    expect((await dispatchDueMessages({ now: () => new Date(smsSentAt.getTime() + DAY) })).results).toEqual({
      sent: 1,
    });
    expect(reviewLinks(fakes.postmark.sent.at(-1)!.TextBody)).toHaveLength(1);
  });

  it("a day-5 email sent as a plain check-in (Settings) is not an ask: the SMS goes the same day", async () => {
    await db.shopSettings.update({ where: { id: 1 }, data: { day5EmailWithSms: "check_in" } });
    const customer = await makeCustomer({
      email: "camille@example.test",
      phone: "+33612345678",
      smsConsentAt: new Date("2026-11-01"),
      timeZone: "Europe/Paris",
    });
    await deliveredOrder(customer.id);
    await dispatchDueMessages({ now: after(DAY) });
    expect((await dispatchDueMessages({ now: after(5 * DAY) })).results).toEqual({ sent: 2 });

    expect(await stepOf(customer.id, "day5")).toMatchObject({ status: "sent", statusReason: SENT_AS_CHECK_IN });
    const checkIn = fakes.postmark.sent.at(-1)!;
    expect(checkIn.Subject).toBe("Que pensez-vous de votre Lampe Lune ?");
    expect(checkIn.TextBody).toContain("répondez simplement à cet e-mail");
    expect(reviewLinks(checkIn.TextBody)).toEqual([]);
    expect(checkIn.TextBody).not.toMatch(/avis/i);
    expect(reviewLinks(fakes.twilio.sent[0]!.body)).toHaveLength(1);
  });
});

describe("a step past its useful time", () => {
  it("is skipped as too late, never sent days late, and counted in the report", async () => {
    const customer = await makeCustomer({ email: "camille@example.test" });
    await deliveredOrder(customer.id);
    // The dispatcher did not run for four days: the day-1 check-in (useful for 2 days) is stale.
    expect((await dispatchDueMessages({ now: after(4 * DAY) })).results).toEqual({ skipped: 1 });
    expect(await stepOf(customer.id, "day1")).toMatchObject({ status: "skipped", statusReason: TOO_LATE_REASON });
    expect(fakes.postmark.sent).toHaveLength(0);
    // The day-5 ask is still due on time.
    expect((await dispatchDueMessages({ now: after(5 * DAY) })).results).toEqual({ sent: 1 });

    // Skips are dated by when they happened (the real clock here).
    const report = await outcomeMetrics({
      from: new Date(Date.now() - DAY),
      to: new Date(Date.now() + DAY),
      channel: "all",
      flow: "all",
    });
    expect(report.rows.find((r) => r.step === "day1")).toMatchObject({ sent: 0, tooLate: 1, failed: 0 });
    expect(report.totals.email.tooLate).toBe(1);
  });
});

describe("the high-value cart SMS", () => {
  const checkout = fixture("shopify/checkout-update.json"); // 94.90 EUR, SMS box ticked, Paris
  const lastActivity = new Date("2026-11-22T19:47:55Z"); // a Sunday, 20:47 in Paris
  const nextMorning = new Date("2026-11-23T09:00:00Z"); // 10:00 in Paris

  it("goes the next day at 10:00 in the customer's time, in one segment, with a tracked checkout link, and is counted as a recovery", async () => {
    await db.shopSettings.update({
      where: { id: 1 },
      data: { highValueCartThreshold: "90.00", highValueCartCurrency: "EUR", smsPricePerSegment: "0.0800" },
    });
    await shopifyWebhook(shopifyRequest("checkouts/update", checkout));
    // Abandoned after an hour: the help email goes at once, the SMS waits for the morning.
    expect((await dispatchDueMessages({ now: after(61 * MIN, lastActivity) })).results).toEqual({ sent: 1 });
    expect(await db.scheduledMessage.findFirstOrThrow({ where: { flow: "high_value_cart" } })).toMatchObject({
      status: "scheduled",
      dueAt: nextMorning,
      latestAt: new Date("2026-11-23T19:00:00Z"),
    });
    expect((await dispatchDueMessages({ now: () => new Date(nextMorning.getTime() - MIN) })).results).toEqual({});
    expect((await dispatchDueMessages({ now: () => nextMorning })).results).toEqual({ sent: 1 });

    const [sms] = fakes.twilio.sent;
    expect(sms!.to).toBe("+33612345678");
    expect(sms!.body).toMatch(
      /^Camille, ici Léa d'Atelier Lune\. Un souci au paiement \? Répondez, je vous aide\. Panier : https:\/\/inbox\.atelier-lune\.example\/r\/[\w-]{10} STOP SMS$/,
    );
    expect(smsSize(sms!.body).segments).toBe(1);
    const link = await db.trackedLink.findFirstOrThrow({ where: { kind: "checkout" } });
    expect(new URL(link.targetUrl).pathname).toBe(new URL(checkout.abandoned_checkout_url as string).pathname);
    expect(sms!.body).toContain(`/r/${link.token}`);

    // The customer orders that afternoon: the SMS is credited with the recovery.
    await shopifyWebhook(
      shopifyRequest("orders/create", {
        id: 77,
        name: "#1077",
        email: checkout.email,
        checkout_token: checkout.token,
        created_at: "2026-11-23T15:00:00+01:00",
        currency: "EUR",
        total_price: "94.90",
        line_items: [],
      }),
    );
    const report = await outcomeMetrics({
      from: new Date("2026-11-22T00:00:00Z"),
      to: new Date("2026-11-24T00:00:00Z"),
      channel: "sms",
      flow: "high_value_cart",
    });
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({
      flow: "high_value_cart",
      step: "sms",
      sent: 1,
      recovered: { numerator: 1, denominator: 1, value: 1 },
      recoveredValue: 94.9,
      smsCost: 0.08,
      costPerRecovered: 0.08,
    });
  });

  it("is not scheduled under the threshold, in another currency, or when the shop left it off", async () => {
    for (const settings of [
      { highValueCartThreshold: "95.00" },
      { highValueCartThreshold: "50.00", highValueCartCurrency: "USD" },
      {},
    ]) {
      await truncateAllTables();
      await makeShopSettings(settings);
      await ensureDefaultTemplates();
      await shopifyWebhook(shopifyRequest("checkouts/update", checkout));
      await dispatchDueMessages({ now: after(61 * MIN, lastActivity) });
      expect(await db.scheduledMessage.count({ where: { flow: "high_value_cart" } }), JSON.stringify(settings)).toBe(0);
    }
  });

  it("is cancelled by an order or any reply, and not sent without SMS consent", async () => {
    await db.shopSettings.update({ where: { id: 1 }, data: { highValueCartThreshold: "90.00" } });
    await shopifyWebhook(shopifyRequest("checkouts/update", checkout));
    await dispatchDueMessages({ now: after(61 * MIN, lastActivity) });
    // The customer texts back before the morning.
    const inbound = twilioFixture("twilio/inbound-sms.txt");
    const reply = {
      ...inbound,
      AccountSid: `AC${"1".repeat(32)}`,
      From: "+33612345678",
      Body: "Bonjour, le paiement a échoué deux fois, je peux payer autrement ?",
    };
    expect(
      (await smsWebhook(twilioRequest("/api/webhooks/twilio/sms", reply, { token: "tw-test-token" }))).status,
    ).toBe(200);
    await settleBackgroundWork();
    await dispatchDueMessages({ now: after(2 * HOUR, lastActivity) });
    expect(await db.scheduledMessage.findFirstOrThrow({ where: { flow: "high_value_cart" } })).toMatchObject({
      status: "cancelled",
      statusReason: "cancelled: the customer replied",
    });

    // An order placed first cancels it too.
    await truncateAllTables();
    await makeShopSettings({ highValueCartThreshold: "90.00" });
    await ensureDefaultTemplates();
    await shopifyWebhook(shopifyRequest("checkouts/update", checkout));
    await dispatchDueMessages({ now: after(61 * MIN, lastActivity) });
    await shopifyWebhook(
      shopifyRequest("orders/create", {
        id: 78,
        name: "#1078",
        email: checkout.email,
        checkout_token: checkout.token,
        created_at: "2026-11-23T08:00:00+01:00",
        currency: "EUR",
        total_price: "94.90",
        line_items: [],
      }),
    );
    expect((await dispatchDueMessages({ now: () => nextMorning })).results).toEqual({});
    expect(await db.scheduledMessage.findFirstOrThrow({ where: { flow: "high_value_cart" } })).toMatchObject({
      status: "cancelled",
    });

    // Without the SMS box ticked it is skipped, never sent.
    await truncateAllTables();
    await makeShopSettings({ highValueCartThreshold: "90.00" });
    await ensureDefaultTemplates();
    await shopifyWebhook(shopifyRequest("checkouts/update", { ...checkout, buyer_accepts_sms_marketing: false }));
    await dispatchDueMessages({ now: after(61 * MIN, lastActivity) });
    expect((await dispatchDueMessages({ now: () => nextMorning })).results).toEqual({ skipped: 1 });
    expect(fakes.twilio.sent).toHaveLength(0);
  });
});
