import pg from "pg";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import type { Channel, DeliveryStatus, Flow } from "@/lib/generated/prisma/enums";
import { dispatchDueMessages } from "@/lib/jobs/dispatch-due-messages";
import { TOO_LATE_REASON } from "@/lib/outbound/send-eligibility";
import { outcomeByTemplateVersion, outcomeMetrics, type OutcomeReport } from "@/lib/reports/outcome-metrics";
import { closedUntil, fillOutcomeRollup } from "@/lib/reports/outcome-rollup";
import type { ReportFilters } from "@/lib/reports/report-filters";
import { fillOutcomeData } from "@/scripts/bench-reports";
import { makeCustomer, makeOrder, makeShopSettings } from "../support/factories";

// The rollup of closed days must give exactly the report the live query gives. The dataset: the
// bench's year of sends (every flow but high_value_cart, replies, clicks, reviews, opt-outs,
// unsubscribes, recovered orders, unsent messages, up to now), plus hand-made sends around the
// first day that is not closed (C): on day boundaries, recoveries contested across C and between
// an email and an SMS, long SMS, failures and too-late skips, template versions.

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const BENCH_CONVERSATIONS = 2500;

let now: Date;
/** closedUntil(now): days before it are closed (cached), days from it on are computed live. */
let C: number;
const at = (ms: number) => new Date(C + ms);
const range = (from: number, to: number, more: Partial<ReportFilters> = {}): ReportFilters => ({
  from: new Date(from),
  to: new Date(to),
  channel: "all",
  flow: "all",
  ...more,
});

let n = 0;
const conversations = new Map<string, string>();

async function conversationOf(customerId: string): Promise<string> {
  let id = conversations.get(customerId);
  if (!id) {
    id = (await db.conversation.create({ data: { customerId, mailboxHash: `roll${++n}`, lastMessageAt: now } })).id;
    conversations.set(customerId, id);
  }
  return id;
}

type Send = {
  flow: Flow;
  step: string;
  channel: Channel;
  sentAt: Date;
  checkoutId?: string;
  delivery?: DeliveryStatus;
  segments?: number;
  reviewLink?: boolean;
};

/** A sent scheduled message with its thread Message (and review link), as the dispatcher leaves them. */
async function send(customerId: string, s: Send) {
  const message = await db.message.create({
    data: {
      conversationId: await conversationOf(customerId),
      direction: "outbound",
      channel: s.channel,
      authorType: "automation",
      textBody: "…",
      deliveryStatus: s.delivery ?? "delivered",
      sentAt: s.sentAt,
      smsSegments: s.channel === "sms" ? (s.segments ?? 1) : null,
      createdAt: s.sentAt,
    },
  });
  const scheduled = await db.scheduledMessage.create({
    data: {
      flow: s.flow,
      step: s.step,
      channel: s.channel,
      customerId,
      checkoutId: s.checkoutId,
      dueAt: s.sentAt,
      status: "sent",
      sentAt: s.sentAt,
      sentMessageId: message.id,
      idempotencyKey: `roll${++n}`,
    },
  });
  const link = s.reviewLink
    ? await db.trackedLink.create({
        data: {
          token: `roll${++n}`,
          kind: "review",
          targetUrl: "https://shop.example/avis",
          customerId,
          messageId: message.id,
          scheduledMessageId: scheduled.id,
        },
      })
    : null;
  return { scheduled, message, link };
}

async function unsent(customerId: string, status: "failed" | "skipped", updatedAt: Date) {
  const row = await db.scheduledMessage.create({
    data: {
      flow: "post_delivery",
      step: "day5",
      channel: "email",
      customerId,
      dueAt: updatedAt,
      status,
      statusReason: status === "skipped" ? TOO_LATE_REASON : null,
      idempotencyKey: `roll${++n}`,
    },
  });
  await db.$executeRaw`UPDATE "ScheduledMessage" SET "updatedAt" = ${updatedAt.toISOString()}::timestamp WHERE id = ${row.id}`;
}

const reply = async (customerId: string, createdAt: Date) =>
  db.message.create({
    data: {
      conversationId: await conversationOf(customerId),
      direction: "inbound",
      channel: "email",
      authorType: "customer",
      textBody: "Merci",
      deliveryStatus: "received",
      createdAt,
    },
  });
const checkout = (customerId: string, currency = "EUR") =>
  db.checkout.create({
    data: {
      externalId: `roll${++n}`,
      customerId,
      currency,
      totalPrice: "80.00",
      startedAt: now,
      lastActivityAt: now,
      abandonedAt: now,
    },
  });

async function buildDataset() {
  await truncateAllTables();
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await fillOutcomeData(client, BENCH_CONVERSATIONS, () => {});
  } finally {
    await client.end();
  }
  now = new Date();
  C = closedUntil(now).getTime();
  await makeShopSettings({ smsPricePerSegment: "0.0800" });

  // Day boundaries: the last instant of the last closed day, the first instant of the first open
  // one, midnight starting the last closed day. B1's reply is in the open days, B2's at its send.
  const [b1, b2, b3] = [await makeCustomer(), await makeCustomer(), await makeCustomer()];
  await send(b1.id, { flow: "post_delivery", step: "day1", channel: "email", sentAt: at(-1), reviewLink: true });
  await send(b2.id, { flow: "post_delivery", step: "day1", channel: "email", sentAt: at(0) });
  const b3send = await send(b3.id, {
    flow: "post_delivery",
    step: "day5",
    channel: "email",
    sentAt: at(-DAY),
    reviewLink: true,
  });
  await reply(b1.id, at(2 * HOUR));
  await reply(b2.id, at(0));
  await db.linkClick.create({ data: { linkId: b3send.link!.id, clickedAt: at(6 * DAY) } }); // exactly 7 days after
  await db.linkClick.create({ data: { linkId: b3send.link!.id, clickedAt: at(6 * DAY + 1) } }); // 1 ms too late
  await db.review.create({ data: { customerId: b3.id, createdAt: at(-DAY + HOUR) } });

  // X: a help email on the last closed day (checkout k1), another in the open days (k2). The
  // order without a checkout goes to the later one, the order of k1 to the earlier one.
  const x = await makeCustomer();
  const [k1, k2] = [await checkout(x.id), await checkout(x.id, "USD")];
  await send(x.id, {
    flow: "abandoned_checkout",
    step: "help",
    channel: "email",
    sentAt: at(-3 * HOUR),
    checkoutId: k1.id,
  });
  await send(x.id, {
    flow: "abandoned_checkout",
    step: "help",
    channel: "email",
    sentAt: at(2 * HOUR),
    checkoutId: k2.id,
  });
  await makeOrder(x.id, { placedAt: at(5 * HOUR), totalPrice: "40.00" });
  await makeOrder(x.id, { checkoutId: k1.id, placedAt: at(6 * HOUR), totalPrice: "25.00", currency: "USD" });

  // Y: the help email, then the high-value cart SMS for the same checkout a day later: both
  // orders go to the SMS (latest), the email recovers nothing.
  const y = await makeCustomer({ phone: "+33611111111" });
  const ky = await checkout(y.id);
  await send(y.id, {
    flow: "abandoned_checkout",
    step: "help",
    channel: "email",
    sentAt: at(-2 * DAY),
    checkoutId: ky.id,
  });
  await send(y.id, {
    flow: "high_value_cart",
    step: "sms",
    channel: "sms",
    sentAt: at(-DAY + HOUR),
    checkoutId: ky.id,
    segments: 3,
  });
  await makeOrder(y.id, { placedAt: at(-DAY + 5 * HOUR), totalPrice: "50.00" });
  await makeOrder(y.id, { checkoutId: ky.id, placedAt: at(-DAY + 6 * HOUR), totalPrice: "70.00" });
  await db.consentEvent.create({
    data: {
      customerId: y.id,
      channel: "sms",
      change: "revoked",
      source: "sms_keyword",
      occurredAt: at(-DAY + 2 * HOUR),
    },
  });

  // Z: a high-value cart SMS three weeks back whose order comes exactly 7 days later (counts);
  // W: one whose order comes 1 ms too late, and who opts out 8 days later (too late too).
  const z = await makeCustomer({ phone: "+33622222222" });
  const kz = await checkout(z.id);
  await send(z.id, {
    flow: "high_value_cart",
    step: "sms",
    channel: "sms",
    sentAt: at(-20 * DAY),
    checkoutId: kz.id,
    segments: 1,
  });
  await makeOrder(z.id, { checkoutId: kz.id, placedAt: at(-13 * DAY), totalPrice: "99.90" });
  const w = await makeCustomer({ phone: "+33633333333" });
  const kw = await checkout(w.id);
  await send(w.id, {
    flow: "high_value_cart",
    step: "sms",
    channel: "sms",
    sentAt: at(-30 * DAY),
    checkoutId: kw.id,
    segments: 4,
    delivery: "failed",
  });
  await makeOrder(w.id, { checkoutId: kw.id, placedAt: at(-23 * DAY + 1), totalPrice: "60.00" });
  await db.consentEvent.create({
    data: { customerId: w.id, channel: "sms", change: "revoked", source: "sms_keyword", occurredAt: at(-22 * DAY) },
  });

  // Unsubscribes: U within 7 days of a closed day's send, U2 after 8 days; V across C.
  const u = await makeCustomer({ emailUnsubscribedAt: at(-4 * DAY) });
  const u2 = await makeCustomer({ emailUnsubscribedAt: at(-2 * DAY) });
  const v = await makeCustomer({ emailUnsubscribedAt: at(3 * DAY) });
  await send(u.id, { flow: "post_delivery", step: "day14", channel: "email", sentAt: at(-10 * DAY) });
  await send(u2.id, { flow: "post_delivery", step: "day14", channel: "email", sentAt: at(-10 * DAY) });
  await send(v.id, { flow: "post_delivery", step: "day14", channel: "email", sentAt: at(-2 * HOUR) });

  // Unsent: failures and too-late skips, dated by when they happened, either side of C.
  for (const [status, when] of [
    ["failed", -5 * DAY],
    ["failed", 1 * HOUR],
    ["skipped", -DAY],
    ["skipped", 2 * DAY],
  ] as const)
    await unsent(u.id, status, at(when));

  // Template versions on the bench's day-5 emails, spread by id; other sends have none.
  const template = await db.template.create({
    data: { key: "post_delivery_day5", kind: "flow_step", channel: "email", locale: "fr", name: "Jour 5" },
  });
  const v1 = await db.templateVersion.create({
    data: { templateId: template.id, number: 1, body: "…", status: "approved", reviewedAt: new Date(C - 200 * DAY) },
  });
  const v2 = await db.templateVersion.create({
    data: { templateId: template.id, number: 2, body: "…", status: "approved", reviewedAt: new Date(C - 100 * DAY) },
  });
  await db.$executeRaw`UPDATE "ScheduledMessage" SET "templateVersionId" = CASE WHEN "sentAt" < ${new Date(C - 100 * DAY).toISOString()}::timestamp THEN ${v1.id} ELSE ${v2.id} END WHERE step = 'day5' AND status = 'sent'`;
}

async function rollupCounts() {
  const [facts, days] = await Promise.all([db.outcomeFact.count(), db.outcomeRollupDay.count()]);
  return { facts, days };
}

const clearRollup = () => db.$executeRaw`TRUNCATE "OutcomeFact", "OutcomeRollupDay"`;

/** Sent scheduled messages with sentAt in [from, to). */
const sentBetween = (from: number, to: number) =>
  db.scheduledMessage.count({ where: { status: "sent", sentAt: { gte: new Date(from), lt: new Date(to) } } });

describe("the outcome rollup", () => {
  beforeAll(buildDataset, 120_000);
  beforeEach(clearRollup);

  it(
    "gives the live query's report, to the last figure, for long, short, partial and filtered ranges",
    { timeout: 120_000 },
    async () => {
      const today = Math.floor(now.getTime() / DAY) * DAY;
      const year = range(today - 365 * DAY, today + DAY);
      const cases: ReportFilters[] = [
        year,
        { ...year, channel: "sms" },
        { ...year, channel: "email" },
        { ...year, flow: "abandoned_checkout" },
        { ...year, flow: "high_value_cart" },
        { ...year, flow: "post_delivery", channel: "email" },
        range(C - 3 * DAY, C + 3 * DAY), // across C
        range(C - 40 * DAY, C - 9 * DAY), // closed days only
        range(C, today + DAY), // open days only
        range(C - 5 * DAY + 13 * HOUR, C + DAY + 7 * HOUR), // not whole days
        range(C - DAY, C), // the last closed day alone
      ];
      const live: { report: OutcomeReport; versions: Awaited<ReturnType<typeof outcomeByTemplateVersion>> }[] = [];
      for (const filters of cases) {
        live.push({
          report: await outcomeMetrics(filters, db, { now, useRollup: false }),
          versions: await outcomeByTemplateVersion(filters, db, { now, useRollup: false }),
        });
      }
      // Live means live: nothing was read or written.
      expect(await rollupCounts()).toEqual({ facts: 0, days: 0 });

      // The year is not trivial: every kind of figure shows up.
      const { email, sms } = live[0]!.report.totals;
      expect(email.sent + sms.sent).toBeGreaterThan(BENCH_CONVERSATIONS);
      for (const figure of [
        email.replyRate!.numerator,
        email.reviewClicks,
        email.reviewsRecorded,
        email.recovered!.numerator,
        email.unsubscribeRate!.numerator,
        email.undelivered,
        email.failed,
        email.tooLate,
        sms.optOutRate!.numerator,
        sms.recovered!.numerator,
        sms.longSms,
      ]) {
        expect(figure).toBeGreaterThan(0);
      }
      expect(live[0]!.versions.filter((v) => v.versionNumber !== null).map((v) => v.versionNumber)).toEqual([1, 2]);

      for (const [i, filters] of cases.entries()) {
        const label = `${new Date(filters.from).toISOString()}–${new Date(filters.to).toISOString()} ${filters.channel}/${filters.flow}`;
        expect(await outcomeMetrics(filters, db, { now }), label).toEqual(live[i]!.report);
        expect(await outcomeByTemplateVersion(filters, db, { now }), label).toEqual(live[i]!.versions);
      }

      // The reports above did read the rollup: every closed day of the year is filled, with one fact
      // per send of those days (the first report filled them).
      const firstDay = today - 365 * DAY;
      expect(await rollupCounts()).toEqual({ facts: await sentBetween(firstDay, C), days: (C - firstDay) / DAY });
    },
  );

  it("stores each closed day once, however many fill it at the same time or again", { timeout: 120_000 }, async () => {
    const firstDay = C - 400 * DAY;
    const year = range(Math.floor(now.getTime() / DAY) * DAY - 365 * DAY, C + 3 * DAY);
    // As the dispatcher, the report page (two reports at once) and another process might.
    const [filled] = await Promise.all([
      Promise.all([
        fillOutcomeRollup({ now }),
        fillOutcomeRollup({ now }),
        fillOutcomeRollup({ now, maxDays: 31 }),
        fillOutcomeRollup({ now, from: new Date(C - 60 * DAY), to: new Date(C - 20 * DAY) }),
      ]),
      outcomeMetrics(year, db, { now }),
      outcomeByTemplateVersion(year, db, { now }),
    ]);
    const days = (C - firstDay) / DAY;
    // No day filled twice (the reports' fills are not counted here).
    expect(filled.reduce((sum, count) => sum + count, 0)).toBeLessThanOrEqual(days);
    expect(await rollupCounts()).toEqual({ facts: await sentBetween(firstDay, C), days });
    const distinctFilled = await db.$queryRaw<
      { days: number }[]
    >`SELECT count(DISTINCT day)::int AS days FROM "OutcomeRollupDay"`;
    expect(distinctFilled[0]!.days).toBe(days);

    // Again: nothing to do, nothing changes.
    expect(await fillOutcomeRollup({ now })).toBe(0);
    expect(await rollupCounts()).toEqual({ facts: await sentBetween(firstDay, C), days });
    expect(await outcomeMetrics(year, db, { now })).toEqual(await outcomeMetrics(year, db, { now, useRollup: false }));
  });

  it("never stores a day that is not closed, and sees a new send of the open days at once", async () => {
    const recent = range(C - 3 * DAY, C + 8 * DAY);
    const before = await outcomeMetrics(recent, db, { now });
    await fillOutcomeRollup({ now, from: new Date(C - 30 * DAY), to: new Date(C + 30 * DAY) });
    const lastDay = await db.$queryRaw<
      { last: string }[]
    >`SELECT to_char(max(day), 'YYYY-MM-DD') AS last FROM "OutcomeRollupDay"`;
    expect(lastDay[0]!.last).toBe(new Date(C - DAY).toISOString().slice(0, 10));
    expect(await db.outcomeFact.count({ where: { sentAt: { gte: new Date(C) } } })).toBe(0);
    expect(await sentBetween(C, now.getTime() + DAY)).toBeGreaterThan(10); // there were recent sends to leave out

    // The first instant of the first open day: a day with a send at C - 1 ms is closed, C's is not.
    expect(closedUntil(new Date(C + 9 * DAY - 1)).getTime()).toBe(C);
    expect(closedUntil(new Date(C + 9 * DAY)).getTime()).toBe(C + DAY);

    const customer = await makeCustomer();
    await send(customer.id, { flow: "post_delivery", step: "day1", channel: "email", sentAt: at(HOUR) });
    const after = await outcomeMetrics(recent, db, { now });
    expect(after.totals.email.sent).toBe(before.totals.email.sent + 1);
    expect(after).toEqual(await outcomeMetrics(recent, db, { now, useRollup: false }));
  });

  it("keeps a closed day as it was when stored: a delivery status reported after that is not reflected (the documented freeze)", async () => {
    const closedWeek = range(C - 30 * DAY, C - 23 * DAY);
    const stored = await outcomeMetrics(closedWeek, db, { now });
    const [late] = await db.$queryRaw<{ id: string }[]>`
      SELECT m.id FROM "ScheduledMessage" s JOIN "Message" m ON m.id = s."sentMessageId"
       WHERE s.status = 'sent' AND s.channel = 'email' AND m."deliveryStatus" = 'delivered' AND s."sentAt" >= ${new Date(C - 30 * DAY).toISOString()}::timestamp AND s."sentAt" < ${new Date(C - 23 * DAY).toISOString()}::timestamp
       LIMIT 1`;
    await db.message.update({ where: { id: late!.id }, data: { deliveryStatus: "failed" } });
    try {
      expect(await outcomeMetrics(closedWeek, db, { now })).toEqual(stored);
      expect((await outcomeMetrics(closedWeek, db, { now, useRollup: false })).totals.email.undelivered).toBe(
        stored.totals.email.undelivered + 1,
      );
    } finally {
      await db.message.update({ where: { id: late!.id }, data: { deliveryStatus: "delivered" } });
    }
  });

  it("drops the facts of a deleted send with it", async () => {
    const customer = await makeCustomer();
    await send(customer.id, { flow: "post_delivery", step: "day1", channel: "email", sentAt: at(-12 * DAY) });
    await fillOutcomeRollup({ now });
    expect(await db.outcomeFact.count({ where: { customerId: customer.id } })).toBe(1);
    await db.customer.delete({ where: { id: customer.id } });
    expect(await db.outcomeFact.count({ where: { customerId: customer.id } })).toBe(0);
  });
});

describe("the dispatcher run", () => {
  it("fills a month of the missing closed days each run, newest first", async () => {
    await truncateAllTables();
    await makeShopSettings();
    const clock = new Date("2026-11-30T06:00:00Z");
    await dispatchDueMessages({ now: () => clock });
    const days = await db.outcomeRollupDay.findMany({ orderBy: { day: "asc" }, select: { day: true } });
    expect(days).toHaveLength(31);
    expect(days.at(-1)!.day).toEqual(new Date(closedUntil(clock).getTime() - DAY));
    expect(days[0]!.day).toEqual(new Date(closedUntil(clock).getTime() - 31 * DAY));
    await dispatchDueMessages({ now: () => clock });
    expect(await db.outcomeRollupDay.count()).toBe(62);
  });
});
