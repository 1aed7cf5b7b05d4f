import { beforeEach, describe, expect, it } from "vitest";
import { POST as inboundWebhook } from "@/app/api/webhooks/postmark/inbound/route";
import { unsubscribeEmailByAgent } from "@/lib/consent/email-consent";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { settleBackgroundWork } from "@/lib/http/run-after-response";
import { makeCustomer, makeShopSettings } from "../support/factories";
import { fixture } from "../support/shopify";
import { withProviderEnv } from "../support/test-env";

// #11: a mail "from" a customer that fails SPF, DKIM and DMARC is stored and shown, marked, but
// changes nothing by itself: no unsubscribe, no cancellation, no automatic reply.

withProviderEnv(() => ({ POSTMARK_WEBHOOK_USER: "postmark", POSTMARK_WEBHOOK_PASSWORD: "webhook-password" }));
beforeEach(async () => {
  await settleBackgroundWork();
  await truncateAllTables();
  await makeShopSettings();
});

const auth = `Basic ${Buffer.from("postmark:webhook-password").toString("base64")}`;
const reply = fixture<Record<string, unknown>>("postmark/inbound-reply.json");
const EMAIL = "camille.martin@example.net";

async function deliver(headers: { Name: string; Value: string }[], text = "Please unsubscribe me from your emails.") {
  const body = {
    ...reply,
    MessageID: crypto.randomUUID(),
    MailboxHash: "",
    StrippedTextReply: text,
    TextBody: text,
    HtmlBody: "",
    Headers: headers,
  };
  const response = await inboundWebhook(
    new Request("http://localhost/api/webhooks/postmark/inbound", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: auth },
      body: JSON.stringify(body),
    }),
  );
  await settleBackgroundWork();
  return response;
}

const spoofed = [
  {
    Name: "Received-SPF",
    Value: `Fail (sender not authorized) identity=mailfrom; client-ip=203.0.113.66; envelope-from=${EMAIL}; receiver=reply@inbound.postmarkapp.com`,
  },
  {
    Name: "Authentication-Results",
    Value: `inbound.postmarkapp.com; spf=fail smtp.mailfrom=${EMAIL}; dkim=none; dmarc=fail header.from=example.net`,
  },
];
const genuine = [
  {
    Name: "Received-SPF",
    Value: `Pass (sender SPF authorized) identity=mailfrom; envelope-from=${EMAIL}; receiver=reply@inbound.postmarkapp.com`,
  },
];

async function customerWithPendingEmail() {
  const customer = await makeCustomer({ email: EMAIL });
  await db.scheduledMessage.create({
    data: {
      flow: "post_delivery",
      step: "day14",
      channel: "email",
      customerId: customer.id,
      dueAt: new Date(Date.now() + 86_400_000),
      idempotencyKey: "day14",
    },
  });
  return customer;
}

describe("inbound mail whose sender is not verified", () => {
  it("is stored, marked and sent to a person, but unsubscribes and cancels nothing", async () => {
    const customer = await customerWithPendingEmail();
    expect((await deliver(spoofed)).status).toBe(200);

    const message = await db.message.findFirstOrThrow({ where: { direction: "inbound" } });
    expect(message).toMatchObject({
      senderCheck: "fail",
      intent: "opt_out",
      textBody: "Please unsubscribe me from your emails.",
    });
    expect(await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).toMatchObject({
      emailUnsubscribedAt: null,
    });
    expect(await db.scheduledMessage.findFirstOrThrow()).toMatchObject({ status: "scheduled" });
    expect(await db.consentEvent.count()).toBe(0);
    expect(await db.conversation.findUniqueOrThrow({ where: { id: message.conversationId } })).toMatchObject({
      needsHuman: true,
    });
  });

  it("never gets an automatic reply with a link, even when it reads as praise", async () => {
    await customerWithPendingEmail();
    await deliver(spoofed, "Merci, la lampe est magnifique, je l'adore !");
    expect(await db.scheduledMessage.count({ where: { flow: "auto_reply" } })).toBe(0);
  });

  it("treats a mail with no authentication result like a failure", async () => {
    const customer = await customerWithPendingEmail();
    await deliver([{ Name: "X-Spam-Status", Value: "No" }]);
    expect(await db.message.findFirstOrThrow({ where: { direction: "inbound" } })).toMatchObject({
      senderCheck: "none",
    });
    expect(await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).toMatchObject({
      emailUnsubscribedAt: null,
    });
  });

  it("lets an agent act on it with one button: unsubscribed, pending email cancelled, audited", async () => {
    const customer = await customerWithPendingEmail();
    const agent = await db.user.create({
      data: { email: "agent@shop.test", name: "Agent", role: "agent", passwordHash: "x" },
    });
    await deliver(spoofed);
    const { conversationId } = await db.message.findFirstOrThrow({ where: { direction: "inbound" } });
    await unsubscribeEmailByAgent(conversationId, agent.id);
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).emailUnsubscribedAt).not.toBeNull();
    expect(await db.scheduledMessage.findFirstOrThrow()).toMatchObject({ status: "cancelled" });
    expect(await db.consentEvent.findFirstOrThrow()).toMatchObject({
      source: "agent",
      address: EMAIL,
      change: "revoked",
    });
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "customer.email_unsubscribed" } })).toMatchObject({
      actorUserId: agent.id,
      entityId: customer.id,
    });
  });
});

describe("inbound mail from a verified sender", () => {
  it("unsubscribes on 'unsubscribe me' and cancels pending email, as before", async () => {
    const customer = await customerWithPendingEmail();
    await deliver(genuine);
    expect(await db.message.findFirstOrThrow({ where: { direction: "inbound" } })).toMatchObject({
      senderCheck: "pass",
    });
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).emailUnsubscribedAt).not.toBeNull();
    expect(await db.scheduledMessage.findFirstOrThrow()).toMatchObject({ status: "cancelled" });
  });
});
