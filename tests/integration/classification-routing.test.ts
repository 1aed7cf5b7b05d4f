import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as smsWebhook } from "@/app/api/webhooks/twilio/sms/route";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { triageInboundMessage, triagePendingMessages } from "@/lib/routing/triage-inbound-message";
import { classifyText } from "@/lib/classification/classify-text";
import { CONFIDENT_INTENT, isConfident, isHandledAutomatically } from "@/lib/classification/confidence";
import { classifyLocally } from "@/lib/classification/local-classifier";
import { settleBackgroundWork } from "@/lib/http/run-after-response";
import { startFakeOpenAI } from "@/tools/fake-providers";
import { makeCustomer, makeOrder, makeShopSettings } from "../support/factories";
import { TWILIO_TEST, twilioRequest } from "../support/twilio";

let openai: Awaited<ReturnType<typeof startFakeOpenAI>>;
const savedEnv = { ...process.env };

beforeAll(async () => {
  openai = await startFakeOpenAI();
  // The environment is read once per test file: OpenAI is configured for all of it, and answers
  // 500 unless a test says otherwise, so routing tests run on the local classifier fallback.
  Object.assign(process.env, {
    APP_URL: TWILIO_TEST.appUrl,
    TWILIO_ACCOUNT_SID: TWILIO_TEST.sid,
    TWILIO_AUTH_TOKEN: TWILIO_TEST.token,
    TWILIO_FROM_NUMBER: TWILIO_TEST.from,
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: `${openai.url}/v1`,
    OPENAI_MODEL: "gpt-test",
  });
});
afterAll(async () => {
  await settleBackgroundWork();
  process.env = savedEnv;
  await openai.close();
});
beforeEach(async () => {
  await settleBackgroundWork();
  await truncateAllTables();
  await makeShopSettings();
  openai.setMode({ kind: "error", status: 500 });
});

async function inboundMessage(customerId: string, text: string, channel: "email" | "sms" = "email", minutesAgo = 0) {
  const conversation =
    (await db.conversation.findFirst({ where: { customerId } })) ??
    (await db.conversation.create({ data: { customerId, mailboxHash: `h-${customerId}`, lastMessageAt: new Date() } }));
  return db.message.create({
    data: {
      conversationId: conversation.id,
      direction: "inbound",
      channel,
      authorType: "customer",
      textBody: text,
      senderCheck: channel === "email" ? "pass" : null,
      deliveryStatus: "received",
      createdAt: new Date(Date.now() - minutesAgo * 60_000),
    },
  });
}

const steps = (customerId: string) =>
  db.scheduledMessage.findMany({
    where: { customerId },
    orderBy: { createdAt: "asc" },
    select: { flow: true, step: true, channel: true, status: true },
  });

describe("classification", () => {
  // "mouais" is a reply the local model is unsure of; "Ma carte est refusée" one it is sure of.
  const UNSURE = "mouais";

  it("asks OpenAI about a reply the local model is unsure of, sending it the customer's words; agreeing is confident", async () => {
    expect(isConfident(classifyLocally(UNSURE))).toBe(false);
    openai.setMode({ kind: "answer", label: { sentiment: "neutral", intent: "other", friction_hint: null } });
    expect(await classifyText(UNSURE)).toMatchObject({
      sentiment: "neutral",
      intent: "other",
      frictionHint: null,
      source: "openai",
      confidence: CONFIDENT_INTENT,
    });
    expect(openai.prompts.at(-1)).toBe(UNSURE);
    const customer = await makeCustomer();
    const message = await inboundMessage(customer.id, UNSURE);
    await triageInboundMessage(message.id);
    expect(await db.message.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      classifiedBy: "openai",
      classificationConfidence: CONFIDENT_INTENT,
    });
  });

  it("leaves a reply to a person when OpenAI and the local model disagree", async () => {
    openai.setMode({ kind: "answer", label: { sentiment: "positive", intent: "praise", friction_hint: null } });
    const label = await classifyText(UNSURE);
    expect(label).toMatchObject({ intent: "praise", source: "openai" });
    expect(isHandledAutomatically(label)).toBe(false);
  });

  it("does not call OpenAI when the local model is sure", async () => {
    openai.setMode({ kind: "answer", label: { sentiment: "positive", intent: "praise", friction_hint: null } });
    const asked = openai.prompts.length;
    expect(await classifyText("Ma carte est refusée")).toMatchObject({
      intent: "problem",
      frictionHint: "card_declined",
      source: "local",
    });
    expect(openai.prompts.length).toBe(asked);
  });

  it("falls back to the local labels when OpenAI answers 500, and leaves the reply to a person", async () => {
    openai.setMode({ kind: "error", status: 500 });
    const label = await classifyText(UNSURE);
    expect(label).toMatchObject({ intent: classifyLocally(UNSURE).intent, source: "local", confidence: 0 });
    expect(isHandledAutomatically(label)).toBe(false);
  });

  it("falls back when OpenAI hangs", async () => {
    openai.setMode({ kind: "hang" });
    expect(await classifyText(UNSURE)).toMatchObject({ source: "local", confidence: 0 });
  }, 30_000);

  it("labels the message and its conversation once, and picks up messages a crash left unlabelled", async () => {
    const customer = await makeCustomer();
    const fresh = await inboundMessage(customer.id, "Where can I buy refills?");
    const stale = await inboundMessage(customer.id, "merci, c'est parfait", "email", 5);
    expect(await triagePendingMessages()).toBe(1);
    expect(await db.message.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({
      intent: "praise",
      sentiment: "positive",
      classifiedBy: "local",
    });
    expect((await db.message.findUniqueOrThrow({ where: { id: fresh.id } })).intent).toBeNull();
    expect(await triageInboundMessage(stale.id)).toBeNull(); // already done: no second routing
  });
});

describe("routing", () => {
  it("a problem needs a human at high priority, pauses review steps and cancels follow-ups", async () => {
    const customer = await makeCustomer();
    const order = await makeOrder(customer.id);
    await db.scheduledMessage.createMany({
      data: [
        {
          flow: "post_delivery",
          step: "day5",
          channel: "email",
          customerId: customer.id,
          orderId: order.id,
          dueAt: new Date(),
          idempotencyKey: "d5",
        },
        {
          flow: "post_delivery",
          step: "day14",
          channel: "email",
          customerId: customer.id,
          orderId: order.id,
          dueAt: new Date(),
          idempotencyKey: "d14",
        },
        {
          flow: "abandoned_checkout",
          step: "help",
          channel: "email",
          customerId: customer.id,
          dueAt: new Date(),
          idempotencyKey: "ab",
        },
      ],
    });
    const message = await inboundMessage(customer.id, "The lamp arrived broken, the shade is cracked.");
    const actions = await triageInboundMessage(message.id);
    expect(actions).toEqual(["cancelled 2 follow-up(s)", "needs a human (high priority)", "paused 1 review step(s)"]);
    expect(await db.conversation.findFirstOrThrow({ where: { customerId: customer.id } })).toMatchObject({
      needsHuman: true,
      priority: "high",
      intent: "problem",
      sentiment: "negative",
    });
    expect((await steps(customer.id)).map((s) => `${s.step}:${s.status}`).sort()).toEqual([
      "day14:cancelled",
      "day5:paused",
      "help:cancelled",
    ]);
    expect((await db.message.findUniqueOrThrow({ where: { id: message.id } })).frictionHint).toBe("delivery");
  });

  it("a question needs a human at normal priority", async () => {
    const customer = await makeCustomer();
    await triageInboundMessage((await inboundMessage(customer.id, "Do you ship to Ireland?")).id);
    expect(await db.conversation.findFirstOrThrow()).toMatchObject({
      needsHuman: true,
      priority: "normal",
      intent: "question",
    });
  });

  it("an 'other' reply (who is this?) needs a human too: nothing unclear leaves the view", async () => {
    const customer = await makeCustomer();
    expect(await triageInboundMessage((await inboundMessage(customer.id, "who is this?")).id)).toEqual([
      "needs a human",
    ]);
    expect(await db.conversation.findFirstOrThrow()).toMatchObject({ needsHuman: true, intent: "other" });
  });

  it("praise with a question in it gets no automatic thank-you, but a person", async () => {
    const customer = await makeCustomer();
    const order = await makeOrder(customer.id);
    await db.scheduledMessage.create({
      data: {
        flow: "post_delivery",
        step: "day1",
        channel: "email",
        customerId: customer.id,
        orderId: order.id,
        dueAt: new Date(),
        status: "sent",
        sentAt: new Date(),
        idempotencyKey: "d1",
      },
    });
    await triageInboundMessage(
      (await inboundMessage(customer.id, "Merci, elle est magnifique ! Elle passe au lave-vaisselle ?")).id,
    );
    expect(await db.conversation.findFirstOrThrow()).toMatchObject({ needsHuman: true });
    expect(await db.scheduledMessage.count({ where: { flow: "auto_reply" } })).toBe(0);
  });

  it("a happy email after the check-in gets one thank-you with the review link, replacing the day 5 request", async () => {
    const customer = await makeCustomer();
    const order = await makeOrder(customer.id);
    await db.scheduledMessage.createMany({
      data: [
        {
          flow: "post_delivery",
          step: "day1",
          channel: "email",
          customerId: customer.id,
          orderId: order.id,
          dueAt: new Date(),
          status: "sent",
          sentAt: new Date(),
          idempotencyKey: "d1",
        },
        {
          flow: "post_delivery",
          step: "day5",
          channel: "email",
          customerId: customer.id,
          orderId: order.id,
          dueAt: new Date(),
          idempotencyKey: "d5",
        },
      ],
    });
    await triageInboundMessage(
      (await inboundMessage(customer.id, "It arrived safely and it's beautiful, thank you!")).id,
    );
    await triageInboundMessage((await inboundMessage(customer.id, "Really love it!")).id);
    expect((await steps(customer.id)).map((s) => `${s.flow}:${s.step}:${s.channel}:${s.status}`)).toEqual([
      "post_delivery:day1:email:sent",
      "post_delivery:day5:email:cancelled",
      "auto_reply:review_link:email:scheduled",
    ]);
  });

  it("sends no thank-you once the day 5 request has gone out", async () => {
    const customer = await makeCustomer();
    const order = await makeOrder(customer.id);
    await db.scheduledMessage.createMany({
      data: ["day1", "day5"].map((step) => ({
        flow: "post_delivery" as const,
        step,
        channel: "email" as const,
        customerId: customer.id,
        orderId: order.id,
        dueAt: new Date(),
        status: "sent" as const,
        sentAt: new Date(),
        idempotencyKey: step,
      })),
    });
    await triageInboundMessage((await inboundMessage(customer.id, "Love it, thanks!")).id);
    expect(await db.scheduledMessage.count({ where: { flow: "auto_reply" } })).toBe(0);
  });

  it("an email asking to stop unsubscribes the customer", async () => {
    const customer = await makeCustomer();
    await triageInboundMessage((await inboundMessage(customer.id, "Please remove me from your mailing list.")).id);
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).emailUnsubscribedAt).not.toBeNull();
  });

  it("a happy SMS to the review request, through the webhook, gets one automatic reply with the link", async () => {
    const customer = await makeCustomer({ phone: "+33612345678", smsConsentAt: new Date("2026-11-01") });
    const order = await makeOrder(customer.id);
    await db.scheduledMessage.create({
      data: {
        flow: "sms_review_request",
        step: "review",
        channel: "sms",
        customerId: customer.id,
        orderId: order.id,
        dueAt: new Date(),
        status: "sent",
        sentAt: new Date(),
        idempotencyKey: "sms",
      },
    });
    const params = (sid: string, body: string) => ({
      MessageSid: sid,
      AccountSid: TWILIO_TEST.sid,
      From: "+33612345678",
      To: TWILIO_TEST.from,
      Body: body,
    });
    expect(
      (
        await smsWebhook(
          twilioRequest("/api/webhooks/twilio/sms", params("SMa1", "Super contente de la lampe ! Merci")),
        )
      ).status,
    ).toBe(200);
    await smsWebhook(twilioRequest("/api/webhooks/twilio/sms", params("SMa2", "Vraiment top 😍")));
    await settleBackgroundWork();
    expect(
      await db.scheduledMessage.findMany({
        where: { flow: "auto_reply" },
        select: { step: true, channel: true, status: true, conversationId: true },
      }),
    ).toEqual([
      {
        step: "review_link",
        channel: "sms",
        status: "scheduled",
        conversationId: (await db.conversation.findFirstOrThrow()).id,
      },
    ]);
  });
});
