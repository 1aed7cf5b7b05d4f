// The dispatcher sends a claimed batch as a whole (one set of statements for the batch, provider
// calls side by side): what could differ from sending message by message is tested here.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { dispatchDueMessages } from "@/lib/jobs/dispatch-due-messages";
import { STEPS, idempotencyKey } from "@/lib/outbound/flow-steps";
import { ensureDefaultTemplates } from "@/lib/templates/ensure-default-templates";
import { withFakeProviders } from "../support/fake-provider-env";
import { makeCustomer, makeOrder, makeShopSettings } from "../support/factories";

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const fakes = withFakeProviders();
const start = new Date("2026-11-23T10:00:00Z");
const later = (minutes: number) => () => new Date(start.getTime() + minutes * MIN);

beforeEach(async () => {
  await truncateAllTables();
  await makeShopSettings();
  await ensureDefaultTemplates();
});

/** A due day-1 check-in email for each customer. */
async function dueCheckIns(count: number) {
  const customers = await Promise.all(
    Array.from({ length: count }, (_, i) => makeCustomer({ email: `c${i}@example.test`, firstName: `C${i}` })),
  );
  await db.scheduledMessage.createMany({
    data: customers.map((customer) => ({
      flow: "post_delivery" as const,
      step: "day1",
      channel: "email" as const,
      customerId: customer.id,
      dueAt: start,
      idempotencyKey: idempotencyKey(STEPS.checkIn, customer.id),
    })),
  });
  return customers;
}

/** Runs a dispatch and waits until the fake has received `count` more calls (they are then in flight). */
async function dispatchUntilCalled(fake: { requests: number }, count: number, now: () => Date) {
  const target = fake.requests + count;
  const running = dispatchDueMessages({ now });
  for (let i = 0; i < 500 && fake.requests < target; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(fake.requests).toBe(target);
  return { running }; // wrapped: an async function returning the promise would wait for it
}

describe("a batch with every kind of outcome", () => {
  it("records each message's own outcome: sent, retry later, failed and suppressed, unknown", async () => {
    const customers = await dueCheckIns(4);
    fakes.postmark.failNext(
      { status: 503, body: { ErrorCode: 0, Message: "Unavailable" } },
      {
        status: 422,
        body: { ErrorCode: 406, Message: "You tried to send to recipient(s) that have been marked as inactive." },
      },
      "reset-after",
    );
    const report = await dispatchDueMessages({ now: later(1) });
    expect(report.results).toEqual({ sent: 1, retry: 1, failed: 1, unknown: 1 });

    const scheduled = await db.scheduledMessage.findMany({
      include: { sentMessage: { include: { conversation: true } }, customer: true },
    });
    const one = (status: string) => scheduled.filter((s) => s.status === status);
    expect(scheduled.map((s) => s.status).sort()).toEqual(["failed", "scheduled", "sent", "unknown"]);
    // Every message was written once in its customer's own thread before the call.
    expect(await db.message.count()).toBe(4);
    for (const s of scheduled) expect(s.sentMessage?.conversation.customerId).toBe(s.customerId);

    const [sent] = one("sent");
    expect(sent).toMatchObject({ sentAt: later(1)(), leaseExpiresAt: null, lastError: null, attempts: 1 });
    const delivered = fakes.postmark.sent.find((email) => email.To === sent!.customer.email)!;
    expect(sent!.sentMessage).toMatchObject({
      deliveryStatus: "sent",
      providerMessageId: delivered.MessageID,
      sentAt: later(1)(),
    });
    expect(sent!.sentMessage!.conversation.lastMessageAt).toEqual(later(1)());

    const [retry] = one("scheduled");
    expect(retry).toMatchObject({
      lastError: "Postmark 503: Unavailable",
      leaseExpiresAt: null,
      dueAt: later(2)(),
      attempts: 1,
    });
    expect(retry!.sentMessage).toMatchObject({ deliveryStatus: "queued" });

    const [failed] = one("failed");
    expect(failed).toMatchObject({ leaseExpiresAt: null, lastError: expect.stringContaining("406") });
    expect(failed!.sentMessage).toMatchObject({ deliveryStatus: "failed", deliveryErrorCode: "406" });
    // Only the customer whose address bounced is suppressed.
    const suppressed = await db.customer.findMany({ where: { emailSuppressedAt: { not: null } } });
    expect(suppressed.map((c) => c.id)).toEqual([failed!.customerId]);

    const [unknown] = one("unknown");
    expect(unknown).toMatchObject({
      leaseExpiresAt: null,
      lastError: expect.stringContaining("Postmark did not answer"),
    });
    expect(unknown!.sentMessage).toMatchObject({ deliveryStatus: "queued" });
    expect(customers).toHaveLength(4);

    // The next run settles the unknown one (Postmark has it) and retries the other on the same thread message.
    const next = await dispatchDueMessages({ now: later(3) });
    expect(next.settled).toEqual({ sent: 1, requeued: 0 });
    expect(next.results).toEqual({ sent: 1 });
    expect(await db.scheduledMessage.count({ where: { status: "sent" } })).toBe(3);
    expect(await db.message.count()).toBe(4);
    expect(await db.scheduledMessage.findUniqueOrThrow({ where: { id: retry!.id } })).toMatchObject({
      status: "sent",
      sentMessageId: retry!.sentMessageId,
      attempts: 2,
    });
    expect(new Set(fakes.postmark.sent.map((email) => email.To)).size).toBe(fakes.postmark.sent.length);
  });

  it("fails the message it cannot compose and sends the others of the batch", async () => {
    await dueCheckIns(2);
    const other = await makeCustomer({ email: "help@example.test" });
    await db.scheduledMessage.create({
      data: {
        flow: "abandoned_checkout",
        step: "help",
        channel: "email",
        customerId: other.id,
        dueAt: start,
        idempotencyKey: "help-1",
      },
    });
    // No checkout link to put in the help email: it cannot be rendered.
    expect((await dispatchDueMessages({ now: later(1) })).results).toEqual({ sent: 2, failed: 1 });
    expect(await db.scheduledMessage.findFirstOrThrow({ where: { customerId: other.id } })).toMatchObject({
      status: "failed",
      sentMessageId: null,
      lastError: expect.stringContaining("{{checkoutLink}}"),
    });
    expect(await db.conversation.count({ where: { customerId: other.id } })).toBe(0);
    expect(fakes.postmark.sent.map((email) => email.To).sort()).toEqual(["c0@example.test", "c1@example.test"]);
  });
});

describe("several customers in one batch", () => {
  it("sends one customer's second review ask a day after the first, while the other customer's goes now", async () => {
    const both = await makeCustomer({ email: "both@example.test" });
    const single = await makeCustomer({ email: "single@example.test" });
    const orders = [
      await makeOrder(both.id, { deliveredAt: new Date("2026-11-15T10:00:00Z") }),
      await makeOrder(both.id, { deliveredAt: new Date("2026-11-16T10:00:00Z") }),
      await makeOrder(single.id, { deliveredAt: new Date("2026-11-15T10:00:00Z") }),
    ];
    await db.scheduledMessage.createMany({
      data: orders.map((order, i) => ({
        flow: "post_delivery" as const,
        step: "day5",
        channel: "email" as const,
        customerId: order.customerId!,
        orderId: order.id,
        dueAt: new Date(start.getTime() + i * MIN),
        idempotencyKey: `day5-${i}`,
      })),
    });
    expect((await dispatchDueMessages({ now: later(5) })).results).toEqual({ sent: 2, deferred: 1 });
    expect(fakes.postmark.sent.map((email) => email.To).sort()).toEqual(["both@example.test", "single@example.test"]);
    const first = await db.scheduledMessage.findUniqueOrThrow({ where: { idempotencyKey: "day5-0" } });
    expect(first).toMatchObject({ status: "sent", sentAt: later(5)() });
    // The earlier-due one went first; the later one waits a day from it, its claim not counted as an attempt.
    expect(await db.scheduledMessage.findUniqueOrThrow({ where: { idempotencyKey: "day5-1" } })).toMatchObject({
      status: "scheduled",
      dueAt: new Date(later(5)().getTime() + DAY),
      attempts: 0,
      sentMessageId: null,
    });
    // Both of one customer's review links are for their own messages.
    const links = await db.trackedLink.findMany({ where: { kind: "review" }, include: { scheduledMessage: true } });
    expect(links).toHaveLength(2);
    for (const link of links) expect(link.messageId).toBe(link.scheduledMessage!.sentMessageId);
  });

  it("starts one conversation per customer and keeps answering in a customer's existing one", async () => {
    const customers = await dueCheckIns(3);
    const existing = await db.conversation.create({
      data: {
        customerId: customers[0]!.id,
        mailboxHash: "existing-thread",
        status: "open",
        lastMessageAt: new Date("2026-11-01"),
      },
    });
    expect((await dispatchDueMessages({ now: later(1) })).results).toEqual({ sent: 3 });
    expect(await db.conversation.count()).toBe(3);
    expect(
      await db.message.findFirstOrThrow({ where: { conversation: { customerId: customers[0]!.id } } }),
    ).toMatchObject({ conversationId: existing.id });
    expect(fakes.postmark.sent.find((email) => email.To === "c0@example.test")!.ReplyTo).toContain("+existing-thread@");
    // Started closed (out of the inbox until the customer replies), with the channel the thread now uses.
    for (const conversation of await db.conversation.findMany({ where: { id: { not: existing.id } } }))
      expect(conversation).toMatchObject({ status: "closed", lastMessageAt: later(1)(), channels: ["email"] });
    expect(await db.conversation.findUniqueOrThrow({ where: { id: existing.id } })).toMatchObject({
      lastMessageAt: later(1)(),
      channels: ["email"],
    });
  });
});

describe("the lease", () => {
  it("does not record a message another dispatcher has claimed meanwhile (its lease was lost mid-batch)", async () => {
    await dueCheckIns(2);
    fakes.postmark.latencyMs = 300;
    const { running } = await dispatchUntilCalled(fakes.postmark, 2, later(1));
    // One message's lease expired and another dispatcher claimed it while the provider answered.
    const taken = await db.scheduledMessage.findFirstOrThrow({ orderBy: { id: "asc" } });
    const otherLease = new Date(later(30)());
    await db.scheduledMessage.update({
      where: { id: taken.id },
      data: { status: "sending", leaseExpiresAt: otherLease, attempts: 2 },
    });

    expect((await running).results).toEqual({ sent: 1, "lost-lease": 1 });
    expect(
      await db.scheduledMessage.findUniqueOrThrow({ where: { id: taken.id }, include: { sentMessage: true } }),
    ).toMatchObject({
      status: "sending",
      leaseExpiresAt: otherLease,
      sentAt: null,
      sentMessage: { deliveryStatus: "queued", providerMessageId: null },
    });
    expect(await db.scheduledMessage.count({ where: { status: "sent" } })).toBe(1);
  });

  it("records the provider's answer for a message reclaimed as unknown meanwhile", async () => {
    await dueCheckIns(1);
    fakes.postmark.latencyMs = 300;
    const { running } = await dispatchUntilCalled(fakes.postmark, 1, later(1));
    await db.scheduledMessage.updateMany({
      data: { status: "unknown", leaseExpiresAt: null, lastError: "the dispatcher stopped while sending" },
    });

    expect((await running).results).toEqual({ sent: 1 });
    expect(await db.scheduledMessage.findFirstOrThrow({ include: { sentMessage: true } })).toMatchObject({
      status: "sent",
      lastError: null,
      sentMessage: { deliveryStatus: "sent", providerMessageId: fakes.postmark.sent[0]!.MessageID },
    });
  });
});

describe("tracked links across attempts", () => {
  it("carries the same review link in the retry of an SMS, created once", async () => {
    const texter = await makeCustomer({
      phone: "+33698765432",
      smsConsentAt: new Date("2026-11-01"),
      timeZone: "Europe/Paris",
      email: null,
    });
    const order = await makeOrder(texter.id, { deliveredAt: new Date("2026-11-18T10:00:00Z") });
    await db.scheduledMessage.create({
      data: {
        flow: "sms_review_request",
        step: "review",
        channel: "sms",
        customerId: texter.id,
        orderId: order.id,
        dueAt: start,
        idempotencyKey: "sms-1",
      },
    });
    fakes.twilio.failNext({ status: 500, body: { code: 20500, message: "Internal Server Error", status: 500 } });
    expect((await dispatchDueMessages({ now: later(1) })).results).toEqual({ retry: 1 });
    expect((await dispatchDueMessages({ now: later(3) })).results).toEqual({ sent: 1 });

    const links = await db.trackedLink.findMany();
    expect(links).toHaveLength(1);
    const scheduled = await db.scheduledMessage.findFirstOrThrow();
    expect(links[0]).toMatchObject({
      kind: "review",
      customerId: texter.id,
      scheduledMessageId: scheduled.id,
      messageId: scheduled.sentMessageId,
    });
    expect(fakes.twilio.sent).toHaveLength(1);
    expect(fakes.twilio.sent[0]!.body).toContain(`/r/${links[0]!.token}`);
    expect(await db.message.count()).toBe(1);
  });
});
