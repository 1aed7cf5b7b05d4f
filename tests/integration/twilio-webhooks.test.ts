import { beforeEach, describe, expect, it } from "vitest";
import { POST as smsWebhook } from "@/app/api/webhooks/twilio/sms/route";
import { POST as statusWebhook } from "@/app/api/webhooks/twilio/status/route";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { settleBackgroundWork } from "@/lib/http/run-after-response";
import { makeCustomer, makeShopSettings, smsStateOfNumber } from "../support/factories";
import { withProviderEnv } from "../support/test-env";
import { TWILIO_TEST, twilioFixture, twilioRequest } from "../support/twilio";

withProviderEnv(() => ({
  APP_URL: TWILIO_TEST.appUrl,
  TWILIO_ACCOUNT_SID: TWILIO_TEST.sid,
  TWILIO_AUTH_TOKEN: TWILIO_TEST.token,
  TWILIO_FROM_NUMBER: TWILIO_TEST.from,
}));
beforeEach(async () => {
  await settleBackgroundWork();
  await truncateAllTables();
  await makeShopSettings();
});

const inbound = twilioFixture("twilio/inbound-sms.txt");
const sms = (overrides: Record<string, string>) => ({
  ...inbound,
  MessageSid: `SM${Math.random().toString(16).slice(2).padEnd(32, "0")}`,
  ...overrides,
});
const post = (params: Record<string, string>, options = {}) =>
  smsWebhook(twilioRequest("/api/webhooks/twilio/sms", params, options));

describe("POST /api/webhooks/twilio/sms", () => {
  it("stores the reply in the customer's thread, reopening it, and answers with empty TwiML", async () => {
    const customer = await makeCustomer({ phone: "+33612345678" });
    const conversation = await db.conversation.create({
      data: { customerId: customer.id, mailboxHash: "h", status: "closed", lastMessageAt: new Date("2026-11-20") },
    });
    const response = await post(inbound);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/xml");
    expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    const message = await db.message.findUniqueOrThrow({ where: { providerMessageId: inbound.MessageSid } });
    expect(message).toMatchObject({
      conversationId: conversation.id,
      direction: "inbound",
      channel: "sms",
      authorType: "customer",
      textBody: "Super contente de la lampe ! Merci",
      fromAddress: "+33612345678",
    });
    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({
      status: "open",
      waitingSince: message.createdAt,
    });
  });

  it("creates a customer for an unknown number, and keeps one thread per number", async () => {
    await post(sms({ From: "+33698765432", Body: "Bonjour" }));
    await post(sms({ From: "+33698765432", Body: "Vous êtes là ?" }));
    expect(await db.customer.findMany({ select: { phone: true } })).toEqual([{ phone: "+33698765432" }]);
    expect(await db.conversation.count()).toBe(1);
    expect(await db.message.count()).toBe(2);
  });

  it("threads a number kept on a customer's record (not their main one) into that customer's conversation", async () => {
    const customer = await makeCustomer({ phone: "+33611111111" });
    await db.phoneNumber.create({ data: { number: "+33698765432", customerId: customer.id } });
    await db.phoneNumber.create({ data: { number: "+33655555555", customerId: null } });
    await post(sms({ From: "+33698765432", Body: "C'est mon autre numéro" }));
    await post(sms({ From: "+33655555555", Body: "Numéro sans client" }));
    const threads = await db.conversation.findMany({
      select: { customerId: true, messages: { select: { textBody: true } } },
    });
    expect(threads).toContainEqual({ customerId: customer.id, messages: [{ textBody: "C'est mon autre numéro" }] });
    // A number known without a customer gets a new customer of its own, not a null sender.
    const orphan = await db.customer.findUniqueOrThrow({ where: { phone: "+33655555555" } });
    expect(threads).toContainEqual({ customerId: orphan.id, messages: [{ textBody: "Numéro sans client" }] });
    expect(await db.phoneNumber.findUniqueOrThrow({ where: { number: "+33655555555" } })).toMatchObject({
      customerId: orphan.id,
    });
  });

  it("refuses a forged or missing signature with 403 and stores nothing", async () => {
    expect((await post(inbound, { token: "someone-elses-token" })).status).toBe(403);
    expect((await post(inbound, { signature: null })).status).toBe(403);
    const tampered = twilioRequest("/api/webhooks/twilio/sms", inbound, {
      rawBody: new URLSearchParams({ ...inbound, Body: "STOP" }).toString(),
    });
    expect((await smsWebhook(tampered)).status).toBe(403);
    expect(await db.message.count()).toBe(0);
  });

  it("answers 400 to a wrong content type and 413 to a huge body, and stores nothing", async () => {
    expect((await post(inbound, { contentType: "application/json" })).status).toBe(400);
    const huge = { ...inbound, Body: "x".repeat(10 * 1024 * 1024) };
    const response = await post(huge);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "The body is larger than 64 KB." });
    expect(await db.message.count()).toBe(0);
  });

  it("creates exactly one message when the same SMS is delivered three times at once", async () => {
    const responses = await Promise.all([1, 2, 3].map(() => post(inbound)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await db.message.count()).toBe(1);
    expect(await db.customer.count()).toBe(1);
  });

  it("opts out at once on STOP and cancels every pending SMS; a complaint containing 'stop' is not an opt-out", async () => {
    const customer = await makeCustomer({ phone: "+33612345678", smsConsentAt: new Date("2026-11-01") });
    await db.scheduledMessage.create({
      data: {
        flow: "sms_review_request",
        step: "review",
        channel: "sms",
        customerId: customer.id,
        dueAt: new Date(),
        idempotencyKey: "sms-1",
      },
    });
    await post(sms({ Body: "stop charging me twice" }));
    expect((await smsStateOfNumber(customer.phone!))?.optedOutAt).toBeNull();

    const stop = await post(sms({ Body: " Stop " }));
    expect(await stop.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect((await smsStateOfNumber(customer.phone!))?.optedOutAt).not.toBeNull();
    expect(await db.scheduledMessage.findFirstOrThrow()).toMatchObject({
      status: "cancelled",
      statusReason: "cancelled: opted out of SMS (STOP)",
    });
    expect(await db.consentEvent.findFirstOrThrow({ where: { change: "revoked" } })).toMatchObject({
      source: "sms_keyword",
      wording: "Stop",
    });
  });

  it("confirms a French ARRÊT itself, opts back in on START, and answers HELP with the shop's name", async () => {
    const customer = await makeCustomer({ phone: "+33612345678", smsConsentAt: new Date("2026-11-01"), locale: "fr" });
    expect(await (await post(sms({ Body: "ARRÊT" }))).text()).toContain(
      "<Message>Vous ne recevrez plus de SMS d'Atelier Lune.</Message>",
    );
    await post(sms({ Body: "START" }));
    // START lifts the keyword opt-out and the consent the number had comes back.
    expect(await smsStateOfNumber(customer.phone!)).toMatchObject({
      optedOutAt: null,
      consentSource: "shopify_checkout",
    });
    expect(await db.consentEvent.findFirstOrThrow({ where: { change: "granted" } })).toMatchObject({
      source: "sms_keyword",
      wording: "START",
      address: customer.phone,
    });
    expect(await (await post(sms({ Body: "help" }))).text()).toContain(
      "Atelier Lune : vos SMS arrivent directement chez Léa. STOP SMS pour ne plus en recevoir.",
    );
  });
});

describe("POST /api/webhooks/twilio/status", () => {
  async function sentSms() {
    const customer = await makeCustomer({ phone: "+33612345678", smsConsentAt: new Date("2026-11-01") });
    const conversation = await db.conversation.create({
      data: { customerId: customer.id, mailboxHash: "h2", lastMessageAt: new Date() },
    });
    const message = await db.message.create({
      data: {
        conversationId: conversation.id,
        direction: "outbound",
        channel: "sms",
        authorType: "automation",
        textBody: "Hi",
        toAddress: customer.phone,
        providerMessageId: "SMout1",
        deliveryStatus: "sent",
      },
    });
    return { customer, message };
  }
  const status = (params: Record<string, string>) =>
    statusWebhook(
      twilioRequest("/api/webhooks/twilio/status", { AccountSid: TWILIO_TEST.sid, MessageSid: "SMout1", ...params }),
    );

  it("moves the status forward only, whatever the order callbacks arrive in", async () => {
    const { message } = await sentSms();
    expect(await (await status({ MessageStatus: "delivered" })).json()).toEqual({ status: "updated" });
    expect(await (await status({ MessageStatus: "sent" })).json()).toEqual({ status: "ignored" });
    expect(await (await status({ MessageStatus: "queued" })).json()).toEqual({ status: "ignored" });
    expect(await db.message.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      deliveryStatus: "delivered",
    });
  });

  it("records a failure code and marks an unreachable or opted-out number", async () => {
    const { customer, message } = await sentSms();
    await status({ MessageStatus: "undelivered", ErrorCode: "30006", ErrorMessage: "Landline or unreachable carrier" });
    expect(await db.message.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      deliveryStatus: "failed",
      deliveryErrorCode: "30006",
      deliveryError: "Landline or unreachable carrier",
    });
    expect((await smsStateOfNumber(customer.phone!))?.unreachableAt).not.toBeNull();
    await status({ MessageStatus: "failed", ErrorCode: "21610" });
    expect((await smsStateOfNumber(customer.phone!))?.optedOutAt).not.toBeNull();
  });

  it("refuses a forged callback", async () => {
    await sentSms();
    const forged = twilioRequest(
      "/api/webhooks/twilio/status",
      { MessageSid: "SMout1", MessageStatus: "failed" },
      { token: "wrong" },
    );
    expect((await statusWebhook(forged)).status).toBe(403);
    expect((await db.message.findFirstOrThrow()).deliveryStatus).toBe("sent");
  });
});
