import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { cancelAbandonedCheckoutFlow, markAbandonedCheckouts } from "@/lib/outbound/abandoned-checkout-flow";
import { pauseReviewSteps, resumeReviewSteps } from "@/lib/outbound/review-pause";
import { applyShopEvent } from "@/lib/shop-events/apply-shop-event";
import { makeCustomer, makeOrder, makeShopSettings } from "../support/factories";

beforeEach(truncateAllTables);

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const t0 = new Date("2026-11-22T19:47:55Z");

async function checkoutFor(customerId: string, lastActivityAt = t0) {
  return db.checkout.create({
    data: {
      externalId: `co-${Math.random()}`,
      customerId,
      currency: "EUR",
      totalPrice: "94.90",
      startedAt: lastActivityAt,
      lastActivityAt,
    },
  });
}

const scheduledFor = (where: object) =>
  db.scheduledMessage.findMany({
    where,
    orderBy: { dueAt: "asc" },
    select: { step: true, channel: true, dueAt: true, status: true, statusReason: true },
  });

describe("abandoned checkout", () => {
  it("is abandoned once idle for the delay, and its help email is due then: an hour after the last activity", async () => {
    const customer = await makeCustomer();
    const checkout = await checkoutFor(customer.id);
    expect(await markAbandonedCheckouts(db, new Date(t0.getTime() + 59 * MIN))).toBe(0);
    expect(await markAbandonedCheckouts(db, new Date(t0.getTime() + 61 * MIN))).toBe(1);
    expect((await db.checkout.findUniqueOrThrow({ where: { id: checkout.id } })).abandonedAt).toEqual(
      new Date(t0.getTime() + 60 * MIN),
    );
    expect(await scheduledFor({ checkoutId: checkout.id })).toEqual([
      {
        step: "help",
        channel: "email",
        dueAt: new Date(t0.getTime() + 60 * MIN),
        status: "scheduled",
        statusReason: null,
      },
    ]);
    expect((await db.scheduledMessage.findFirstOrThrow()).latestAt).toEqual(
      new Date(t0.getTime() + (60 + 24 * 60) * MIN),
    );
    expect(await markAbandonedCheckouts(db, new Date(t0.getTime() + 200 * MIN))).toBe(0);
    expect(await db.scheduledMessage.count()).toBe(1);
  });

  it("follows the delays set in Settings", async () => {
    await makeShopSettings({ abandonAfterMinutes: 30, abandonedHelpDelayMinutes: 15 });
    const checkout = await checkoutFor((await makeCustomer()).id);
    await markAbandonedCheckouts(db, new Date(t0.getTime() + 31 * MIN));
    expect((await scheduledFor({ checkoutId: checkout.id }))[0]!.dueAt).toEqual(new Date(t0.getTime() + 45 * MIN));
  });

  it("is never marked when an order followed, and its help email is cancelled by the order", async () => {
    const customer = await makeCustomer();
    const ordered = await checkoutFor(customer.id);
    await makeOrder(customer.id, { checkoutId: ordered.id });
    const other = await checkoutFor(customer.id);
    await markAbandonedCheckouts(db, new Date(t0.getTime() + 2 * 60 * MIN));
    expect(await scheduledFor({ checkoutId: ordered.id })).toEqual([]);
    expect(await cancelAbandonedCheckoutFlow({ checkoutId: other.id, customerId: null }, db)).toBe(1);
    expect(await scheduledFor({ checkoutId: other.id })).toMatchObject([
      { status: "cancelled", statusReason: "cancelled: the order was placed" },
    ]);
  });

  it("a customer with no email gets no help email", async () => {
    const customer = await makeCustomer({ email: null, phone: "+33612345678" });
    await checkoutFor(customer.id);
    expect(await markAbandonedCheckouts(db, new Date(t0.getTime() + 2 * 60 * MIN))).toBe(1);
    expect(await db.scheduledMessage.count()).toBe(0);
  });
});

describe("post-delivery sequence", () => {
  const deliveredAt = new Date("2026-11-26T13:05:31Z");

  async function deliver(orderExternalId: string, at = deliveredAt) {
    return db.$transaction((tx) => applyShopEvent({ type: "order.delivered", orderExternalId, deliveredAt: at }, tx));
  }

  it("schedules day 1, 5 and 14 emails and one SMS after the default delay", async () => {
    const customer = await makeCustomer({
      phone: "+33612345678",
      smsConsentAt: t0,
      smsConsentSource: "shopify_checkout",
    });
    const order = await makeOrder(customer.id);
    await deliver(order.externalId);
    expect(
      (await scheduledFor({ orderId: order.id })).map((m) => [
        m.step,
        m.channel,
        (m.dueAt.getTime() - deliveredAt.getTime()) / DAY,
        m.status,
      ]),
    ).toEqual([
      ["day1", "email", 1, "scheduled"],
      ["day5", "email", 5, "scheduled"],
      ["review", "sms", 5, "scheduled"],
      ["day14", "email", 14, "scheduled"],
    ]);
  });

  it("waits the product category's delay before the SMS", async () => {
    const customer = await makeCustomer({ phone: "+33612345678", smsConsentAt: t0 });
    const order = await makeOrder(customer.id, {}, 10);
    await deliver(order.externalId);
    const [sms] = await scheduledFor({ orderId: order.id, channel: "sms" });
    expect((sms!.dueAt.getTime() - deliveredAt.getTime()) / DAY).toBe(10);
  });

  it("schedules no SMS without consent or after STOP", async () => {
    const noConsent = await makeOrder((await makeCustomer({ phone: "+33611111111" })).id);
    const optedOut = await makeOrder(
      (await makeCustomer({ phone: "+33622222222", smsConsentAt: t0, smsOptedOutAt: new Date(t0.getTime() + DAY) })).id,
    );
    await deliver(noConsent.externalId);
    await deliver(optedOut.externalId);
    expect(await db.scheduledMessage.count({ where: { channel: "sms" } })).toBe(0);
    expect(await db.scheduledMessage.count({ where: { channel: "email" } })).toBe(6);
  });

  it("keeps the first delivery time when Shopify reports the delivery again", async () => {
    const order = await makeOrder((await makeCustomer()).id);
    await deliver(order.externalId);
    await deliver(order.externalId, new Date(deliveredAt.getTime() + 3 * DAY));
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).deliveredAt).toEqual(deliveredAt);
    expect(await db.scheduledMessage.count()).toBe(3);
  });

  it("pauses the review steps, not the check-in, while a problem is open, then resumes them when resolved", async () => {
    const customer = await makeCustomer({ phone: "+33612345678", smsConsentAt: t0 });
    const conversation = await db.conversation.create({
      data: { customerId: customer.id, mailboxHash: "h1", lastMessageAt: t0, intent: "problem", sentiment: "negative" },
    });
    const order = await makeOrder(customer.id);
    await deliver(order.externalId);
    expect((await scheduledFor({ orderId: order.id })).map((m) => `${m.step}:${m.status}`)).toEqual([
      "day1:scheduled",
      "day5:paused",
      "review:paused",
      "day14:paused",
    ]);

    // Still open: nothing resumes.
    expect(await resumeReviewSteps(customer.id, db, new Date(deliveredAt.getTime() + 7 * DAY))).toBe(0);

    await db.conversation.update({
      where: { id: conversation.id },
      data: { status: "closed", resolution: "resolved" },
    });
    const now = new Date(deliveredAt.getTime() + 7 * DAY);
    expect(await resumeReviewSteps(customer.id, db, now)).toBe(3);
    expect((await scheduledFor({ orderId: order.id })).map((m) => [m.step, m.status, m.dueAt])).toEqual([
      ["day1", "scheduled", new Date(deliveredAt.getTime() + DAY)],
      ["day5", "scheduled", now],
      ["review", "scheduled", now],
      ["day14", "scheduled", new Date(deliveredAt.getTime() + 14 * DAY)],
    ]);
  });

  it("never pauses for a negative sentiment alone (no review gating)", async () => {
    const customer = await makeCustomer();
    await db.conversation.create({
      data: {
        customerId: customer.id,
        mailboxHash: "h2",
        lastMessageAt: t0,
        intent: "question",
        sentiment: "negative",
      },
    });
    const order = await makeOrder(customer.id);
    await deliver(order.externalId);
    expect(await db.scheduledMessage.count({ where: { status: "paused" } })).toBe(0);
  });

  it("pauses scheduled review steps when a problem is reported later", async () => {
    const customer = await makeCustomer();
    const order = await makeOrder(customer.id);
    await deliver(order.externalId);
    expect(await pauseReviewSteps(customer.id, db)).toBe(2);
    expect((await scheduledFor({ orderId: order.id })).map((m) => `${m.step}:${m.status}`)).toEqual([
      "day1:scheduled",
      "day5:paused",
      "day14:paused",
    ]);
  });
});
