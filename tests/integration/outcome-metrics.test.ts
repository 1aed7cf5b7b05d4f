import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import type { Channel, DeliveryStatus, Flow } from "@/lib/generated/prisma/enums";
import { dispatchDueMessages } from "@/lib/jobs/dispatch-due-messages";
import { schedulePostDelivery } from "@/lib/outbound/schedule-post-delivery";
import {
  MIN_SENDS_TO_COMPARE,
  OUTCOME_DEFINITIONS,
  outcomeByTemplateVersion,
  outcomeMetrics,
  type OutcomeTotals,
  type StepOutcome,
} from "@/lib/reports/outcome-metrics";
import type { ReportFilters } from "@/lib/reports/report-filters";
import { smsSize } from "@/lib/sms/sms-segments";
import { ensureDefaultTemplates } from "@/lib/templates/ensure-default-templates";
import { withFakeProviders } from "../support/fake-provider-env";
import { makeCustomer, makeOrder, makeShopSettings } from "../support/factories";

// Every expected figure below is worked out by hand from the dataset, in the comments.

// The dispatcher test needs the providers' settings before the first database use (env() is read once).
const DAY = 24 * 3600_000;
const fakes = withFakeProviders();

/** November 2026, UTC. */
const nov = (day: number, hour = 0, minute = 0, second = 0) => new Date(Date.UTC(2026, 10, day, hour, minute, second));
const range = (from: Date, to: Date, more: Partial<ReportFilters> = {}): ReportFilters => ({
  from,
  to,
  channel: "all",
  flow: "all",
  ...more,
});
const WEEK = range(nov(1), nov(8));

let n = 0;
/** Each customer's one conversation, made on first use. */
const conversations = new Map<string, string>();

beforeEach(async () => {
  await truncateAllTables();
  conversations.clear();
});

async function conversationOf(customerId: string): Promise<string> {
  let id = conversations.get(customerId);
  if (!id) {
    id = (await db.conversation.create({ data: { customerId, mailboxHash: `h${++n}`, lastMessageAt: nov(1) } })).id;
    conversations.set(customerId, id);
  }
  return id;
}

type Send = {
  flow: Flow;
  step: string;
  channel: Channel;
  sentAt: Date;
  delivery?: DeliveryStatus;
  segments?: number;
  checkoutId?: string;
  reviewLink?: "both" | "message-only" | false;
  status?: "sent" | "failed";
  templateVersionId?: string;
};

/** A scheduled message as the dispatcher leaves it: its Message in the thread, its review link. */
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
      status: s.status ?? "sent",
      sentAt: s.status === "failed" ? null : s.sentAt,
      sentMessageId: message.id,
      templateVersionId: s.templateVersionId,
      idempotencyKey: `k${++n}`,
    },
  });
  const reviewLink = s.reviewLink ?? false;
  const link = reviewLink
    ? await db.trackedLink.create({
        data: {
          token: `t${++n}`,
          kind: "review",
          targetUrl: "https://shop.example/avis",
          customerId,
          messageId: message.id,
          scheduledMessageId: reviewLink === "both" ? scheduled.id : null,
        },
      })
    : null;
  return { scheduled, message, link };
}

async function failedAt(customerId: string, s: Omit<Send, "sentAt" | "status">, failedOn: Date) {
  const { scheduled } = await send(customerId, { ...s, sentAt: failedOn, status: "failed", delivery: "failed" });
  await db.$executeRaw`UPDATE "ScheduledMessage" SET "updatedAt" = ${failedOn.toISOString()}::timestamp WHERE id = ${scheduled.id}`;
}

async function reply(customerId: string, at: Date, channel: Channel = "email") {
  await db.message.create({
    data: {
      conversationId: await conversationOf(customerId),
      direction: "inbound",
      channel,
      authorType: "customer",
      textBody: "Merci",
      deliveryStatus: "received",
      createdAt: at,
    },
  });
}

async function click(linkId: string, at: Date) {
  await db.linkClick.create({ data: { linkId, clickedAt: at } });
}

async function checkout(customerId: string) {
  return db.checkout.create({
    data: {
      externalId: `co${++n}`,
      customerId,
      currency: "EUR",
      totalPrice: "99.00",
      startedAt: nov(1),
      lastActivityAt: nov(1),
      abandonedAt: nov(1),
    },
  });
}

const row = (rows: StepOutcome[], flow: string, step: string, channel = "email") =>
  rows.find((r) => r.flow === flow && r.step === step && r.channel === channel);

const EMPTY_EMAIL: OutcomeTotals = {
  sent: 0,
  delivered: 0,
  undelivered: 0,
  failed: 0,
  tooLate: 0,
  recipients: 0,
  replyRate: { numerator: 0, denominator: 0, value: null },
  reviewClickRate: { numerator: 0, denominator: 0, value: null },
  reviewClicks: 0,
  reviewsRecorded: 0,
  recovered: null,
  recoveredValue: null,
  recoveredCurrencies: [],
  costPerRecovered: null,
  longSms: 0,
  optOutRate: null,
  unsubscribeRate: { numerator: 0, denominator: 0, value: null },
  smsSegments: 0,
  smsCost: null,
  costPerReviewClick: null,
};

describe("outcome metrics on a hand-made week (1–8 November)", () => {
  beforeEach(async () => {
    await makeShopSettings({ smsPricePerSegment: "0.0725", smsPriceCurrency: "EUR" });

    // --- post_delivery, email --------------------------------------------------------------
    const a = await makeCustomer({ firstName: "A" });
    const b = await makeCustomer({ firstName: "B" });
    const c = await makeCustomer({ firstName: "C", emailUnsubscribedAt: nov(5, 9) }); // 23 h after their day5: counts
    const d = await makeCustomer({ firstName: "D", emailUnsubscribedAt: nov(20) }); // 15 days after: does not

    // day1: A only, delivered, no review link.
    await send(a.id, { flow: "post_delivery", step: "day1", channel: "email", sentAt: nov(1, 10) });
    // day5: A twice (two orders), B, C, D.
    const a1 = await send(a.id, {
      flow: "post_delivery",
      step: "day5",
      channel: "email",
      sentAt: nov(2, 10),
      reviewLink: "both",
    });
    const a2 = await send(a.id, {
      flow: "post_delivery",
      step: "day5",
      channel: "email",
      sentAt: nov(6, 10),
      reviewLink: "both",
    });
    const b1 = await send(b.id, {
      flow: "post_delivery",
      step: "day5",
      channel: "email",
      sentAt: nov(3, 10),
      reviewLink: "both",
    });
    const c1 = await send(c.id, {
      flow: "post_delivery",
      step: "day5",
      channel: "email",
      sentAt: nov(4, 10),
      reviewLink: "both",
      delivery: "failed",
    }); // bounced
    await send(d.id, { flow: "post_delivery", step: "day5", channel: "email", sentAt: nov(5, 10), delivery: "sent" }); // no delivery report yet, no link
    void a2;

    await reply(a.id, nov(3, 8)); // within 7 days of A's day1 and of A's first day5
    await reply(b.id, nov(10, 11)); // B's day5 + 7 days + 1 h: too late
    await reply(d.id, nov(4, 12)); // before D's day5: not a reply to it
    await db.message.create({
      data: {
        conversationId: await conversationOf(b.id),
        direction: "outbound",
        channel: "email",
        authorType: "staff",
        textBody: "Re",
        deliveryStatus: "sent",
        createdAt: nov(4),
      },
    }); // ours, not a reply

    await click(a1.link!.id, nov(4, 10));
    await click(a1.link!.id, nov(4, 11)); // a repeat: one clicked message, two clicks
    await click(b1.link!.id, nov(10, 10)); // exactly sentAt + 7 days: counts
    await click(c1.link!.id, nov(12)); // 8 days later: does not

    await db.review.create({ data: { customerId: a.id, createdAt: nov(5) } }); // within A's first day5
    await db.review.create({ data: { customerId: b.id, createdAt: nov(3, 10) } }); // exactly at B's sentAt: not after it

    // Failures: dated by updatedAt.
    await failedAt(d.id, { flow: "post_delivery", step: "day5", channel: "email" }, nov(6));
    await failedAt(d.id, { flow: "post_delivery", step: "day14", channel: "email" }, nov(7)); // a step with only a failure
    await failedAt(d.id, { flow: "post_delivery", step: "day5", channel: "email" }, nov(8)); // at `to`: outside

    // --- sms_review_request, SMS -----------------------------------------------------------
    const e = await makeCustomer({ firstName: "E", email: null, phone: "+33600000001" });
    const f = await makeCustomer({ firstName: "F", email: null, phone: "+33600000002" });
    const g = await makeCustomer({ firstName: "G", email: null, phone: "+33600000003" });
    const h = await makeCustomer({ firstName: "H", email: null, phone: "+33600000004" });
    const e1 = await send(e.id, {
      flow: "sms_review_request",
      step: "review",
      channel: "sms",
      sentAt: nov(2, 12),
      segments: 2,
      reviewLink: "both",
    });
    await send(f.id, {
      flow: "sms_review_request",
      step: "review",
      channel: "sms",
      sentAt: nov(1),
      segments: 1,
      reviewLink: "message-only",
    }); // exactly at `from`: in
    await send(g.id, {
      flow: "sms_review_request",
      step: "review",
      channel: "sms",
      sentAt: nov(8),
      segments: 4,
      reviewLink: "both",
    }); // exactly at `to`: out
    await send(h.id, {
      flow: "sms_review_request",
      step: "review",
      channel: "sms",
      sentAt: new Date(nov(1).getTime() - 1),
      segments: 3,
    }); // 1 ms before `from`: out
    await click(e1.link!.id, nov(2, 13));
    await reply(e.id, nov(3), "sms");
    await db.consentEvent.create({
      data: { customerId: e.id, channel: "sms", change: "revoked", source: "sms_keyword", occurredAt: nov(3) },
    });
    await db.consentEvent.create({
      data: { customerId: f.id, channel: "sms", change: "granted", source: "sms_keyword", occurredAt: nov(2) },
    }); // not an opt-out
    await db.consentEvent.create({
      data: { customerId: f.id, channel: "sms", change: "revoked", source: "sms_keyword", occurredAt: nov(8, 0, 0, 1) },
    }); // F's send + 7 days + 1 s
    await db.consentEvent.create({
      data: { customerId: e.id, channel: "email", change: "revoked", source: "unsubscribe_link", occurredAt: nov(3) },
    }); // email, not SMS

    // --- abandoned_checkout, email ---------------------------------------------------------
    const p = await makeCustomer({ firstName: "P" });
    const q = await makeCustomer({ firstName: "Q" });
    const r = await makeCustomer({ firstName: "R" });
    const s = await makeCustomer({ firstName: "S" });
    const t = await makeCustomer({ firstName: "T" });
    const kp = await checkout(p.id);
    const kq = await checkout(q.id);
    const kr = await checkout(r.id);
    const ks1 = await checkout(s.id);
    const ks2 = await checkout(s.id);
    const kt1 = await checkout(t.id);
    const kt2 = await checkout(t.id);
    const help = (customerId: string, checkoutId: string, sentAt: Date) =>
      send(customerId, { flow: "abandoned_checkout", step: "help", channel: "email", sentAt, checkoutId });
    const hp = await help(p.id, kp.id, nov(2, 10));
    await help(q.id, kq.id, nov(3, 10));
    await help(r.id, kr.id, nov(4, 10));
    await help(s.id, ks1.id, nov(5, 10));
    await help(s.id, ks2.id, nov(6, 10));
    await help(t.id, kt1.id, nov(7, 10));
    await help(t.id, kt2.id, nov(8, 12)); // after `to`, but it takes T's order from the one in the range

    await makeOrder(p.id, { checkoutId: kp.id, placedAt: nov(4), totalPrice: "120.50" }); // P's own checkout, 2 days later
    await makeOrder(q.id, { placedAt: nov(10, 9), totalPrice: "45.00" }); // Q, another checkout, 6 days 23 h later
    await makeOrder(r.id, { checkoutId: kr.id, placedAt: nov(11, 10, 0, 1), totalPrice: "300.00" }); // R: 7 days + 1 s, too late
    await makeOrder(r.id, { placedAt: nov(3), totalPrice: "15.00" }); // R: before the email
    await makeOrder(s.id, { checkoutId: ks1.id, placedAt: nov(7), totalPrice: "60.00" }); // S's first checkout: to its own email, not the later one
    await makeOrder(s.id, { placedAt: nov(7, 12), totalPrice: "10.00" }); // S, no checkout: to the latest email (S's second)
    await makeOrder(t.id, { placedAt: nov(9), totalPrice: "30.00" }); // T, no checkout: to T's latest email (8 Nov, out of the range)
    await db.trackedLink.create({
      data: {
        token: "checkout-link",
        kind: "checkout",
        targetUrl: "https://shop.example/c",
        customerId: p.id,
        messageId: hp.message.id,
        scheduledMessageId: hp.scheduled.id,
      },
    });
    await click((await db.trackedLink.findUniqueOrThrow({ where: { token: "checkout-link" } })).id, nov(2, 11)); // not a review link
  });

  it("computes every metric per flow, step and channel", async () => {
    const report = await outcomeMetrics(WEEK);
    expect(report.rows.map((r) => `${r.flow}/${r.step}/${r.channel}`)).toEqual([
      "abandoned_checkout/help/email",
      "post_delivery/day1/email",
      "post_delivery/day5/email",
      "post_delivery/day14/email",
      "sms_review_request/review/sms",
    ]);

    // Help emails in the range: P, Q, R, S×2, T (6). Recovered: P (own checkout), Q (customer),
    // S's first (own checkout, 60), S's second (the 10.00 order without checkout). Not R (too
    // late, or before), not T (its order goes to T's later email). Value 120.50 + 45 + 60 + 10.
    expect(row(report.rows, "abandoned_checkout", "help")).toEqual({
      flow: "abandoned_checkout",
      step: "help",
      channel: "email",
      sent: 6,
      delivered: 6,
      undelivered: 0,
      failed: 0,
      tooLate: 0,
      recipients: 5,
      replyRate: { numerator: 0, denominator: 5, value: 0 },
      reviewClickRate: { numerator: 0, denominator: 0, value: null },
      reviewClicks: 0,
      reviewsRecorded: 0,
      recovered: { numerator: 4, denominator: 6, value: 4 / 6 },
      recoveredValue: 235.5,
      recoveredCurrencies: ["EUR"],
      costPerRecovered: null,
      optOutRate: null,
      unsubscribeRate: { numerator: 0, denominator: 5, value: 0 },
      smsSegments: 0,
      longSms: 0,
      smsCost: null,
      costPerReviewClick: null,
    });

    // day1: A, who replied 2 days later; no review link, so no click rate.
    expect(row(report.rows, "post_delivery", "day1")).toMatchObject({
      sent: 1,
      delivered: 1,
      recipients: 1,
      replyRate: { numerator: 1, denominator: 1, value: 1 },
      reviewClickRate: { numerator: 0, denominator: 0, value: null },
      recovered: null,
      recoveredValue: null,
    });

    // day5: A×2, B, C, D = 5 sent, 4 recipients. Delivered A×2, B; C bounced; D pending.
    // Replied: A only (B too late, D before). Review links: A×2, B, C (4); clicked in time: A's
    // first (2 clicks), B (at exactly 7 days). Reviews: A (B's is at sentAt). Unsubscribed: C.
    expect(row(report.rows, "post_delivery", "day5")).toEqual({
      flow: "post_delivery",
      step: "day5",
      channel: "email",
      sent: 5,
      delivered: 3,
      undelivered: 1,
      failed: 1,
      tooLate: 0,
      recipients: 4,
      replyRate: { numerator: 1, denominator: 4, value: 0.25 },
      reviewClickRate: { numerator: 2, denominator: 4, value: 0.5 },
      reviewClicks: 3,
      reviewsRecorded: 1,
      recovered: null,
      recoveredValue: null,
      recoveredCurrencies: [],
      costPerRecovered: null,
      optOutRate: null,
      unsubscribeRate: { numerator: 1, denominator: 4, value: 0.25 },
      smsSegments: 0,
      longSms: 0,
      smsCost: null,
      costPerReviewClick: null,
    });

    // day14: nothing sent, one failure on 7 November.
    expect(row(report.rows, "post_delivery", "day14")).toMatchObject({
      sent: 0,
      failed: 1,
      recipients: 0,
      replyRate: { numerator: 0, denominator: 0, value: null },
      unsubscribeRate: { numerator: 0, denominator: 0, value: null },
    });

    // SMS: E and F (G at `to` and H before `from` are out). E clicked, replied and sent STOP
    // within the day; F's opt-out came 1 s too late. Segments 2 + 1 = 3, × 0.0725 = 0.2175;
    // one clicked message, so 0.2175 per click.
    expect(row(report.rows, "sms_review_request", "review", "sms")).toEqual({
      flow: "sms_review_request",
      step: "review",
      channel: "sms",
      sent: 2,
      delivered: 2,
      undelivered: 0,
      failed: 0,
      tooLate: 0,
      recipients: 2,
      replyRate: { numerator: 1, denominator: 2, value: 0.5 },
      reviewClickRate: { numerator: 1, denominator: 2, value: 0.5 },
      reviewClicks: 1,
      reviewsRecorded: 0,
      recovered: null,
      recoveredValue: null,
      recoveredCurrencies: [],
      costPerRecovered: null,
      optOutRate: { numerator: 1, denominator: 2, value: 0.5 },
      unsubscribeRate: null,
      smsSegments: 3,
      longSms: 0,
      smsCost: 0.2175,
      costPerReviewClick: 0.2175,
    });

    expect(report).toMatchObject({ currency: "EUR", pricePerSegment: 0.0725, reviewsTracked: true });
  });

  it("totals each channel, counting a recipient once per channel", async () => {
    const { totals } = await outcomeMetrics(WEEK);
    // Email: 6 help + 1 day1 + 5 day5 = 12 sent; delivered 6 + 1 + 3 = 10; failed day5 + day14.
    // Recipients P, Q, R, S, T, A, B, C, D = 9 (A is in day1 and day5 but counts once), so the
    // reply rate is 1/9 where the rows' numerators would add up to 2.
    expect(totals.email).toEqual({
      sent: 12,
      delivered: 10,
      undelivered: 1,
      failed: 2,
      tooLate: 0,
      recipients: 9,
      replyRate: { numerator: 1, denominator: 9, value: 1 / 9 },
      reviewClickRate: { numerator: 2, denominator: 4, value: 0.5 },
      reviewClicks: 3,
      reviewsRecorded: 1,
      recovered: { numerator: 4, denominator: 6, value: 4 / 6 },
      recoveredValue: 235.5,
      recoveredCurrencies: ["EUR"],
      costPerRecovered: null,
      optOutRate: null,
      unsubscribeRate: { numerator: 1, denominator: 9, value: 1 / 9 },
      smsSegments: 0,
      longSms: 0,
      smsCost: null,
      costPerReviewClick: null,
    });
    expect(totals.sms).toMatchObject({
      sent: 2,
      recipients: 2,
      optOutRate: { numerator: 1, denominator: 2, value: 0.5 },
      smsSegments: 3,
      smsCost: 0.2175,
      costPerReviewClick: 0.2175,
      recovered: null,
      unsubscribeRate: null,
    });
  });

  it("filters by channel and by flow", async () => {
    const sms = await outcomeMetrics({ ...WEEK, channel: "sms" });
    expect(sms.rows.map((r) => r.step)).toEqual(["review"]);
    expect(sms.totals.email).toEqual(EMPTY_EMAIL);
    expect(sms.totals.sms).toMatchObject({ sent: 2, smsCost: 0.2175 });

    const email = await outcomeMetrics({ ...WEEK, channel: "email" });
    expect(email.rows.map((r) => `${r.flow}/${r.step}`)).toEqual([
      "abandoned_checkout/help",
      "post_delivery/day1",
      "post_delivery/day5",
      "post_delivery/day14",
    ]);
    expect(email.totals.sms).toMatchObject({
      sent: 0,
      smsSegments: 0,
      smsCost: 0,
      costPerReviewClick: null,
      optOutRate: { numerator: 0, denominator: 0, value: null },
    });

    const abandoned = await outcomeMetrics({ ...WEEK, flow: "abandoned_checkout" });
    expect(abandoned.rows.map((r) => r.step)).toEqual(["help"]);
    expect(abandoned.totals.email).toMatchObject({
      sent: 6,
      recipients: 5,
      recovered: { numerator: 4, denominator: 6, value: 4 / 6 },
      recoveredValue: 235.5,
      failed: 0,
    });

    // Post-delivery only: no help email in the group, so no recovery figure in the total.
    const postDelivery = await outcomeMetrics({ ...WEEK, flow: "post_delivery" });
    expect(postDelivery.rows.map((r) => r.step)).toEqual(["day1", "day5", "day14"]);
    expect(postDelivery.totals.email).toMatchObject({
      sent: 6,
      recipients: 4,
      failed: 2,
      recovered: null,
      recoveredValue: null,
      replyRate: { numerator: 1, denominator: 4, value: 0.25 },
    });
  });

  it("takes a message sent exactly at `from` and leaves out one sent exactly at `to`", async () => {
    // The next week: G's SMS (at 8 Nov 00:00, 4 segments) and T's second help email (8 Nov 12:00),
    // which T's 9 Nov order (30.00) is attributed to; the failure dated 8 Nov 00:00.
    const next = await outcomeMetrics(range(nov(8), nov(15)));
    expect(next.rows.map((r) => `${r.flow}/${r.step}/${r.channel}`)).toEqual([
      "abandoned_checkout/help/email",
      "post_delivery/day5/email",
      "sms_review_request/review/sms",
    ]);
    expect(row(next.rows, "abandoned_checkout", "help")).toMatchObject({
      sent: 1,
      recovered: { numerator: 1, denominator: 1, value: 1 },
      recoveredValue: 30,
    });
    expect(row(next.rows, "post_delivery", "day5")).toMatchObject({ sent: 0, failed: 1 });
    expect(row(next.rows, "sms_review_request", "review", "sms")).toMatchObject({
      sent: 1,
      smsSegments: 4,
      smsCost: 0.29,
      reviewClickRate: { numerator: 0, denominator: 1, value: 0 },
      costPerReviewClick: null,
    });

    // One day, 1 November: F's SMS at 00:00 exactly and A's day1.
    const first = await outcomeMetrics(range(nov(1), nov(2)));
    expect(first.rows.map((r) => `${r.step}:${r.sent}`)).toEqual(["day1:1", "review:1"]);
  });

  it("gives the same figures inside a caller's transaction", async () => {
    const alone = await outcomeMetrics(WEEK);
    expect(await db.$transaction((tx) => outcomeMetrics(WEEK, tx))).toEqual(alone);
  });

  it("lists the definition of every metric, shown in the UI", async () => {
    const report = await outcomeMetrics(WEEK);
    expect(report.definitions).toBe(OUTCOME_DEFINITIONS);
    expect(Object.keys(report.definitions).sort()).toEqual(
      [
        "sent",
        "delivered",
        "undelivered",
        "failed",
        "tooLate",
        "recipients",
        "replyRate",
        "reviewClickRate",
        "reviewClicks",
        "reviewsRecorded",
        "recovered",
        "recoveredValue",
        "costPerRecovered",
        "optOutRate",
        "unsubscribeRate",
        "smsSegments",
        "longSms",
        "smsCost",
        "costPerReviewClick",
      ].sort(),
    );
    expect(report.definitions.replyRate).toMatch(/within 7 days/);
    expect(report.definitions.failed).toMatch(/dated by when they failed/);
  });
});

describe("outcome metrics edge cases", () => {
  it("answers empty rows and zero totals with no data, and the schema's SMS price without settings", async () => {
    const report = await outcomeMetrics(WEEK);
    expect(report.rows).toEqual([]);
    expect(report.totals.email).toEqual(EMPTY_EMAIL);
    expect(report.totals.sms).toEqual({
      ...EMPTY_EMAIL,
      unsubscribeRate: null,
      optOutRate: { numerator: 0, denominator: 0, value: null },
      smsCost: 0,
    });
    expect(report).toMatchObject({ currency: "EUR", pricePerSegment: 0.075, reviewsTracked: false });
  });

  it("ignores messages that were not sent, and counts a recovered order once", async () => {
    await makeShopSettings();
    const customer = await makeCustomer();
    const k = await checkout(customer.id);
    for (const status of ["scheduled", "cancelled", "skipped", "paused"] as const) {
      await db.scheduledMessage.create({
        data: {
          flow: "post_delivery",
          step: "day5",
          channel: "email",
          customerId: customer.id,
          dueAt: nov(3),
          status,
          idempotencyKey: `x-${status}`,
        },
      });
    }
    // Two help emails for the same checkout (a re-abandonment) and one order: the latest gets it.
    await send(customer.id, {
      flow: "abandoned_checkout",
      step: "help",
      channel: "email",
      sentAt: nov(2),
      checkoutId: k.id,
    });
    await send(customer.id, {
      flow: "abandoned_checkout",
      step: "help",
      channel: "email",
      sentAt: nov(3),
      checkoutId: k.id,
    });
    await makeOrder(customer.id, { checkoutId: k.id, placedAt: nov(4), totalPrice: "50.00", currency: "EUR" });
    const { rows } = await outcomeMetrics(WEEK);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      step: "help",
      sent: 2,
      recipients: 1,
      recovered: { numerator: 1, denominator: 2, value: 0.5 },
      recoveredValue: 50,
    });
  });

  it("counts a reply in any of the customer's conversations, not one at the send's own instant, and names every currency recovered", async () => {
    await makeShopSettings();
    const x = await makeCustomer();
    const y = await makeCustomer();
    const kx = await checkout(x.id);
    const ky = await checkout(y.id);
    await send(x.id, {
      flow: "abandoned_checkout",
      step: "help",
      channel: "email",
      sentAt: nov(2, 10),
      checkoutId: kx.id,
    });
    await send(y.id, {
      flow: "abandoned_checkout",
      step: "help",
      channel: "email",
      sentAt: nov(2, 11),
      checkoutId: ky.id,
    });
    const other = await db.conversation.create({
      data: { customerId: x.id, mailboxHash: `other${++n}`, lastMessageAt: nov(3) },
    });
    await db.message.create({
      data: {
        conversationId: other.id,
        direction: "inbound",
        channel: "sms",
        authorType: "customer",
        textBody: "?",
        deliveryStatus: "received",
        createdAt: nov(3),
      },
    });
    await reply(y.id, nov(2, 11)); // at Y's sentAt: not after it
    await makeOrder(x.id, { checkoutId: kx.id, placedAt: nov(3), totalPrice: "20.00", currency: "USD" });
    await makeOrder(y.id, { placedAt: nov(4), totalPrice: "30.00", currency: "EUR" });
    const [help] = (await outcomeMetrics(WEEK)).rows;
    // The value adds both currencies as they are: the list says so, for the page to flag it.
    expect(help).toMatchObject({
      recipients: 2,
      replyRate: { numerator: 1, denominator: 2, value: 0.5 },
      recovered: { numerator: 2, denominator: 2, value: 1 },
      recoveredValue: 50,
      recoveredCurrencies: ["EUR", "USD"],
    });
  });
});

describe("outcome split by template version", () => {
  it("gives each approved version its own reply and click rates, and marks a version with too few sends", async () => {
    const template = await db.template.create({
      data: { key: "post_delivery_day5", kind: "flow_step", channel: "email", locale: "fr", name: "Jour 5" },
    });
    const v1 = await db.templateVersion.create({
      data: { templateId: template.id, number: 1, body: "…", status: "approved", reviewedAt: nov(1) },
    });
    const v2 = await db.templateVersion.create({
      data: { templateId: template.id, number: 2, body: "…", status: "approved", reviewedAt: nov(4) },
    });
    // Version 1: 30 sends to 30 customers, 6 replied, 3 of the 30 review links clicked.
    for (let i = 0; i < 30; i++) {
      const customer = await makeCustomer();
      const { link } = await send(customer.id, {
        flow: "post_delivery",
        step: "day5",
        channel: "email",
        sentAt: nov(2, 10, i),
        reviewLink: "both",
        templateVersionId: v1.id,
      });
      if (i < 6) await reply(customer.id, nov(3));
      if (i % 10 === 0) await click(link!.id, nov(3));
    }
    // Version 2: 4 sends, 3 replied, 1 click; and one send from before versions were recorded.
    for (let i = 0; i < 4; i++) {
      const customer = await makeCustomer();
      const { link } = await send(customer.id, {
        flow: "post_delivery",
        step: "day5",
        channel: "email",
        sentAt: nov(5, 10, i),
        reviewLink: "both",
        templateVersionId: v2.id,
      });
      if (i < 3) await reply(customer.id, nov(6));
      if (i === 0) await click(link!.id, nov(6));
    }
    await send((await makeCustomer()).id, {
      flow: "post_delivery",
      step: "day5",
      channel: "email",
      sentAt: nov(5, 12),
    });

    const split = await outcomeByTemplateVersion(WEEK);
    expect(MIN_SENDS_TO_COMPARE).toBe(30);
    expect(
      split.map((v) => ({
        version: v.versionNumber,
        sent: v.sent,
        replied: v.replyRate,
        clicked: v.reviewClickRate,
        tooFew: v.tooFewToCompare,
      })),
    ).toEqual([
      {
        version: null,
        sent: 1,
        replied: { numerator: 0, denominator: 1, value: 0 },
        clicked: { numerator: 0, denominator: 0, value: null },
        tooFew: true,
      },
      {
        version: 1,
        sent: 30,
        replied: { numerator: 6, denominator: 30, value: 0.2 },
        clicked: { numerator: 3, denominator: 30, value: 0.1 },
        tooFew: false,
      },
      {
        version: 2,
        sent: 4,
        replied: { numerator: 3, denominator: 4, value: 0.75 },
        clicked: { numerator: 1, denominator: 4, value: 0.25 },
        tooFew: true,
      },
    ]);
    expect(split[1]).toMatchObject({
      flow: "post_delivery",
      step: "day5",
      channel: "email",
      templateVersionId: v1.id,
      approvedAt: nov(1),
    });
    // The channel filter applies to the split too.
    expect(await outcomeByTemplateVersion({ ...WEEK, channel: "sms" })).toEqual([]);
  });
});

describe("outcome metrics on messages sent by the real dispatcher", () => {
  it("finds the review links, segments and sends the dispatcher records", async () => {
    await makeShopSettings({ smsPricePerSegment: "0.1000" });
    await ensureDefaultTemplates();
    const deliveredAt = new Date("2026-11-26T13:05:31Z");
    const customer = await makeCustomer({
      email: "camille@example.test",
      phone: "+33612345678",
      smsConsentAt: new Date("2026-11-20"),
      timeZone: "Europe/Paris",
    });
    const order = await makeOrder(customer.id, { deliveredAt });
    await db.$transaction((tx) => schedulePostDelivery(order.id, tx));
    await dispatchDueMessages({ now: () => new Date(deliveredAt.getTime() + DAY) });
    await dispatchDueMessages({ now: () => new Date(deliveredAt.getTime() + 5 * DAY) });
    const smsLink = await db.trackedLink.findFirstOrThrow({
      where: { kind: "review", scheduledMessage: { channel: "sms" } },
    });
    await click(smsLink.id, new Date(deliveredAt.getTime() + 5 * DAY + 3600_000));

    // The default SMS text with its tracked link fits one segment; it is the review ask, so the
    // day-5 email is not sent.
    expect(smsSize(fakes.twilio.sent[0]!.body).segments).toBe(1);
    const report = await outcomeMetrics(range(nov(26), new Date("2026-12-03T00:00:00Z")));
    expect(report.rows.map((r) => `${r.flow}/${r.step}/${r.channel}:${r.sent}`)).toEqual([
      "post_delivery/day1/email:1",
      "sms_review_request/review/sms:1",
    ]);
    expect(row(report.rows, "post_delivery", "day1")!.reviewClickRate).toEqual({
      numerator: 0,
      denominator: 0,
      value: null,
    });
    expect(row(report.rows, "sms_review_request", "review", "sms")).toMatchObject({
      reviewClickRate: { numerator: 1, denominator: 1, value: 1 },
      smsSegments: 1,
      longSms: 0,
      smsCost: 0.1,
      costPerReviewClick: 0.1,
    });
  });
});
