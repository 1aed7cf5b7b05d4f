import { beforeEach, describe, expect, it } from "vitest";
import { POST as eventsWebhook } from "@/app/api/webhooks/postmark/events/route";
import { POST as inboundWebhook } from "@/app/api/webhooks/postmark/inbound/route";
import { handleUnsubscribeRequest } from "@/lib/consent/handle-unsubscribe-request";
import { createUnsubscribeToken } from "@/lib/consent/unsubscribe-token";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { settleBackgroundWork } from "@/lib/http/run-after-response";
import { makeCustomer } from "../support/factories";
import { withProviderEnv } from "../support/test-env";
import { fixture } from "../support/shopify";

withProviderEnv(() => ({ POSTMARK_WEBHOOK_USER: "postmark", POSTMARK_WEBHOOK_PASSWORD: "webhook-password" }));
beforeEach(async () => {
  await settleBackgroundWork();
  await truncateAllTables();
});

const basic = (user = "postmark", password = "webhook-password") =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
function request(
  route: string,
  body: unknown,
  options: { auth?: string | null; contentType?: string; raw?: string } = {},
) {
  const headers: Record<string, string> = { "content-type": options.contentType ?? "application/json" };
  const auth = options.auth === undefined ? basic() : options.auth;
  if (auth) headers.authorization = auth;
  return new Request(`http://localhost${route}`, {
    method: "POST",
    headers,
    body: options.raw ?? JSON.stringify(body),
  });
}
const inbound = (body: unknown, options = {}) =>
  inboundWebhook(request("/api/webhooks/postmark/inbound", body, options));
const events = (body: unknown, options = {}) => eventsWebhook(request("/api/webhooks/postmark/events", body, options));

const reply = fixture("postmark/inbound-reply.json");
const withHeaders = (headers: { Name: string; Value: string }[], overrides: Record<string, unknown> = {}) => ({
  ...reply,
  MessageID: crypto.randomUUID(),
  MailboxHash: "",
  StrippedTextReply: "",
  Headers: headers,
  ...overrides,
});

async function threadWithSentMail(email = "camille.martin@example.net") {
  const customer = await makeCustomer({ email });
  const conversation = await db.conversation.create({
    data: {
      customerId: customer.id,
      mailboxHash: "c_7Kq2xW",
      status: "closed",
      lastMessageAt: new Date("2026-11-23T08:02:00Z"),
    },
  });
  await db.message.create({
    data: {
      conversationId: conversation.id,
      direction: "outbound",
      channel: "email",
      authorType: "automation",
      textBody: "J'ai vu…",
      emailMessageId: "<recovery-0001@atelier-lune.example>",
      deliveryStatus: "sent",
    },
  });
  return { customer, conversation };
}

describe("POST /api/webhooks/postmark/inbound", () => {
  it("threads a reply by MailboxHash, keeps text and HTML, shows the stripped reply, and reopens the thread", async () => {
    const { conversation } = await threadWithSentMail();
    const response = await inbound(reply);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "processed", conversationId: conversation.id });
    const message = await db.message.findUniqueOrThrow({ where: { providerMessageId: reply.MessageID as string } });
    expect(message).toMatchObject({
      conversationId: conversation.id,
      direction: "inbound",
      authorType: "customer",
      emailMessageId: "<CAFx9=rT2p1@mail.example.net>",
      inReplyTo: "<recovery-0001@atelier-lune.example>",
    });
    expect(message.textBody).toContain("a écrit :");
    expect(message.htmlBody).toContain("<blockquote>");
    expect(message.strippedText).toBe(reply.StrippedTextReply);
    expect((await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).status).toBe("open");
  });

  it("threads by In-Reply-To alone, then by References alone", async () => {
    const { conversation } = await threadWithSentMail();
    await inbound(withHeaders([{ Name: "In-Reply-To", Value: "<recovery-0001@atelier-lune.example>" }]));
    await inbound(
      withHeaders([{ Name: "References", Value: "<unknown@elsewhere> <recovery-0001@atelier-lune.example>" }]),
    );
    expect(await db.message.count({ where: { conversationId: conversation.id, direction: "inbound" } })).toBe(2);
  });

  it("threads a reply to a message sent from the inbox", async () => {
    const { customer } = await threadWithSentMail();
    const other = await db.conversation.create({
      data: { customerId: customer.id, mailboxHash: "other", status: "pending", lastMessageAt: new Date() },
    });
    await db.message.create({
      data: {
        conversationId: other.id,
        direction: "outbound",
        channel: "email",
        authorType: "staff",
        textBody: "Je vous renvoie un colis.",
        emailMessageId: "<staff-reply-1@atelier-lune.example>",
        deliveryStatus: "sent",
      },
    });
    await inbound(withHeaders([{ Name: "In-Reply-To", Value: "<staff-reply-1@atelier-lune.example>" }]));
    expect(await db.message.count({ where: { conversationId: other.id, direction: "inbound" } })).toBe(1);
  });

  it("never puts another sender's mail in the thread, even with the same hash and references (a forward)", async () => {
    const { conversation } = await threadWithSentMail();
    const forwarded = {
      ...reply,
      MessageID: crypto.randomUUID(),
      From: "friend@example.org",
      FromFull: { Email: "friend@example.org", Name: "A Friend", MailboxHash: "c_7Kq2xW" },
    };
    const body = await (await inbound(forwarded)).json();
    expect(body.conversationId).not.toBe(conversation.id);
    const friend = await db.customer.findUniqueOrThrow({ where: { email: "friend@example.org" } });
    expect(friend).toMatchObject({ firstName: "A", lastName: "Friend" });
    expect(await db.message.count({ where: { conversationId: conversation.id, direction: "inbound" } })).toBe(0);
  });

  it("strips the quote itself when Postmark gives no stripped reply, and stores small attachments but not big ones", async () => {
    const mail = withHeaders([], {
      TextBody:
        "Le couvercle est fêlé.\n\nLe lun. 23 nov. 2026 à 09:02, Léa <lea@atelier-lune.example> a écrit :\n> Bonjour",
      Attachments: [
        {
          Name: "photo.jpg",
          Content: Buffer.from("jpeg-bytes").toString("base64"),
          ContentType: "image/jpeg",
          ContentLength: 10,
        },
        { Name: "video.mov", Content: "", ContentType: "video/quicktime", ContentLength: 40 * 1024 * 1024 },
      ],
    });
    await inbound(mail);
    const message = await db.message.findUniqueOrThrow({
      where: { providerMessageId: mail.MessageID },
      include: { attachments: { orderBy: { filename: "asc" } } },
    });
    expect(message.strippedText).toBe("Le couvercle est fêlé.");
    expect(
      message.attachments.map((a) => [
        a.filename,
        a.size,
        a.content ? Buffer.from(a.content).toString() : null,
        a.droppedReason,
      ]),
    ).toEqual([
      ["photo.jpg", 10, "jpeg-bytes", null],
      ["video.mov", 40 * 1024 * 1024, null, "Larger than 5 MB: not stored"],
    ]);
  });

  it("creates exactly one message when the same mail arrives three times at once", async () => {
    await threadWithSentMail();
    const responses = await Promise.all([1, 2, 3].map(() => inbound(reply)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await db.message.count({ where: { direction: "inbound" } })).toBe(1);
  });

  it("takes one mail handed over under two MessageIDs (sent to two of the shop's addresses) as a duplicate: 200, stored once", async () => {
    await threadWithSentMail();
    const toAddress = await inbound({ ...reply, MessageID: crypto.randomUUID() });
    const ccAddress = await inbound({
      ...reply,
      MessageID: crypto.randomUUID(),
      OriginalRecipient: "hello@atelier-lune.example",
    });
    expect([toAddress.status, ccAddress.status]).toEqual([200, 200]);
    expect(await ccAddress.json()).toEqual({ status: "duplicate" });
    expect(await db.message.count({ where: { direction: "inbound" } })).toBe(1);
    expect(
      (await db.webhookEvent.findMany({ orderBy: { receivedAt: "asc" }, select: { outcome: true } })).map(
        (e) => e.outcome,
      ),
    ).toEqual(["processed", "duplicate"]);
  });

  it("stores one message when the two copies arrive at the same instant", async () => {
    await threadWithSentMail();
    const responses = await Promise.all([1, 2, 3].map(() => inbound({ ...reply, MessageID: crypto.randomUUID() })));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await db.message.count({ where: { direction: "inbound" } })).toBe(1);
  });

  it("refuses missing or wrong credentials with 401, and bad bodies with a 400 that says why; nothing is stored", async () => {
    expect((await inbound(reply, { auth: null })).status).toBe(401);
    expect((await inbound(reply, { auth: basic("postmark", "guess") })).status).toBe(401);
    expect(await (await inbound(null, { raw: "{nope" })).json()).toEqual({ error: "The body is not valid JSON." });
    expect((await inbound(reply, { contentType: "text/plain" })).status).toBe(400);
    const missing = await inbound({ ...reply, FromFull: undefined, MessageID: undefined });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toMatch(/MessageID.*FromFull|FromFull.*MessageID/);
    expect(await db.message.count()).toBe(0);
    expect(await db.webhookEvent.count()).toBe(0);
  });
});

describe("POST /api/webhooks/postmark/events", () => {
  it("suppresses a hard-bounced address, fails the message and cancels pending email", async () => {
    const customer = await makeCustomer({ email: "no-such-person@example.org" });
    const conversation = await db.conversation.create({
      data: { customerId: customer.id, mailboxHash: "b", lastMessageAt: new Date() },
    });
    await db.message.create({
      data: {
        conversationId: conversation.id,
        direction: "outbound",
        channel: "email",
        authorType: "automation",
        textBody: "x",
        providerMessageId: "883953f4-6105-42a2-a16a-77a8eac79483",
        deliveryStatus: "sent",
      },
    });
    await db.scheduledMessage.create({
      data: {
        flow: "post_delivery",
        step: "day5",
        channel: "email",
        customerId: customer.id,
        dueAt: new Date(),
        idempotencyKey: "d5",
      },
    });
    expect(await (await events(fixture("postmark/bounce.json"))).json()).toEqual({ status: "processed" });
    expect(await (await events(fixture("postmark/bounce.json"))).json()).toEqual({ status: "duplicate" });
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).emailSuppressedAt).toEqual(
      new Date("2026-11-20T16:33:54.907Z"),
    );
    expect(await db.message.findFirstOrThrow()).toMatchObject({ deliveryStatus: "failed" });
    expect(await db.scheduledMessage.findFirstOrThrow()).toMatchObject({ status: "cancelled" });
  });

  it("never emails a spam complainer again, even after a reactivation", async () => {
    const customer = await makeCustomer({ email: "annoyed@example.org" });
    await events(fixture("postmark/spam-complaint.json"));
    await events({
      RecordType: "SubscriptionChange",
      Recipient: "annoyed@example.org",
      SuppressSending: false,
      ChangedAt: "2026-11-22T10:00:00Z",
    });
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).emailSuppressedReason).toBe(
      "Spam complaint: never email again",
    );
  });

  it("follows SuppressSending both ways, and marks a delivered message delivered", async () => {
    const customer = await makeCustomer({ email: "jo@example.org" });
    await events({
      RecordType: "SubscriptionChange",
      Recipient: "jo@example.org",
      SuppressSending: true,
      SuppressionReason: "ManualSuppression",
      ChangedAt: "2026-11-22T10:00:00Z",
    });
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).emailUnsubscribedAt).not.toBeNull();
    await events({
      RecordType: "SubscriptionChange",
      Recipient: "jo@example.org",
      SuppressSending: false,
      ChangedAt: "2026-11-23T10:00:00Z",
    });
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).emailUnsubscribedAt).toBeNull();

    const conversation = await db.conversation.create({
      data: { customerId: customer.id, mailboxHash: "d", lastMessageAt: new Date() },
    });
    await db.message.create({
      data: {
        conversationId: conversation.id,
        direction: "outbound",
        channel: "email",
        authorType: "staff",
        textBody: "x",
        providerMessageId: "pm-1",
        deliveryStatus: "sent",
      },
    });
    await events({
      RecordType: "Delivery",
      MessageID: "pm-1",
      Recipient: "jo@example.org",
      DeliveredAt: "2026-11-23T10:05:00Z",
    });
    expect(await db.message.findFirstOrThrow({ where: { providerMessageId: "pm-1" } })).toMatchObject({
      deliveryStatus: "delivered",
      deliveredAt: new Date("2026-11-23T10:05:00Z"),
    });
  });

  it("lets a Postmark reactivation lift only what Postmark set, never an unsubscribe made through us", async () => {
    const customer = await makeCustomer({ email: "jo@example.org" });
    const unsubscribe = await handleUnsubscribeRequest(
      "POST",
      createUnsubscribeToken(customer.id, process.env.LINK_SECRET!),
      "/u/x",
    );
    expect(unsubscribe.status).toBe(200);
    await events({
      RecordType: "Bounce",
      ID: 7,
      Type: "HardBounce",
      Inactive: true,
      Email: "jo@example.org",
      BouncedAt: "2026-11-22T09:00:00Z",
    });
    await events({
      RecordType: "SubscriptionChange",
      Recipient: "jo@example.org",
      SuppressSending: false,
      ChangedAt: "2026-11-23T10:00:00Z",
    });
    const after = await db.customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(after.emailSuppressedAt).toBeNull();
    expect(after.emailUnsubscribedAt).not.toBeNull();
    expect(await db.consentEvent.count({ where: { change: "granted" } })).toBe(0);
  });

  it("refuses bad credentials, a 10 MB body and a malformed event", async () => {
    expect((await events(fixture("postmark/bounce.json"), { auth: null })).status).toBe(401);
    const huge = await events(null, {
      raw: JSON.stringify({ RecordType: "Bounce", Content: "x".repeat(10 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual({ error: "The body is larger than 1 MB." });
    expect((await events({ RecordType: "Bounce", Email: 3 })).status).toBe(400);
    expect(await db.webhookEvent.count()).toBe(0);
  });
});
