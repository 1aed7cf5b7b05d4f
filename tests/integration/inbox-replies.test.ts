import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { settleBackgroundWork } from "@/lib/http/run-after-response";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { ensureDefaultTemplates } from "@/lib/templates/ensure-default-templates";
import { createUser } from "@/lib/users/create-user";
import { withFakeProviders } from "../support/fake-provider-env";
import { makeCustomer, makeOrder, makeShopSettings, setSmsState } from "../support/factories";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
// The users these tests sign in keep the default preferences (follow the browser).
vi.mock("@/lib/auth/current-user", () => ({
  getCurrentUser: async () => session.user,
  getCurrentUserPreferences: async () => ({ locale: "auto", timeZone: "auto" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { sendStaffReply } = await import("@/lib/inbox/send-staff-reply");
const { dispatchDueMessages } = await import("@/lib/jobs/dispatch-due-messages");
const { sendReviewLink } = await import("@/lib/inbox/send-review-link");
const { sendReplyAction, sendReviewLinkAction, markFrictionAction, undoReplyAction } =
  await import("@/app/(app)/inbox/[conversationId]/actions");

const fakes = withFakeProviders({ POSTMARK_INBOUND_ADDRESS: "reply@inbound.atelier-lune.example" });

beforeEach(async () => {
  await truncateAllTables();
  session.user = null;
  await makeShopSettings();
  await ensureDefaultTemplates();
});

/** A customer who mailed us (and, with sms: true, texted us) in one conversation. */
async function setup(options: { sms?: boolean; customer?: Parameters<typeof makeCustomer>[0] } = {}) {
  const agent = await createUser({
    email: "sofia@shop.test",
    name: "Sofia",
    role: "agent",
    password: "agent-password",
  });
  const customer = await makeCustomer({ phone: "+33611223344", ...options.customer });
  await makeOrder(customer.id, { deliveredAt: new Date("2026-11-22T10:00:00Z") });
  const conversation = await db.conversation.create({
    data: {
      customerId: customer.id,
      mailboxHash: "hash42",
      lastMessageAt: new Date(),
      needsHuman: true,
      waitingSince: new Date(),
      subject: "Ma commande",
    },
  });
  const first = await db.message.create({
    data: {
      conversationId: conversation.id,
      direction: "inbound",
      channel: "email",
      authorType: "customer",
      subject: "Re: Ma commande",
      textBody: "Bonjour",
      emailMessageId: "<a1@mail.example>",
      deliveryStatus: "received",
      createdAt: new Date("2026-11-23T09:00:00Z"),
    },
  });
  const inbound = await db.message.create({
    data: {
      conversationId: conversation.id,
      direction: "inbound",
      channel: "email",
      authorType: "customer",
      subject: "Re: Ma commande",
      textBody: "Le paiement a échoué",
      emailMessageId: "<a2@mail.example>",
      references: "<a1@mail.example>",
      deliveryStatus: "received",
      createdAt: new Date("2026-11-23T10:00:00Z"),
    },
  });
  if (options.sms)
    await db.message.create({
      data: {
        conversationId: conversation.id,
        direction: "inbound",
        channel: "sms",
        authorType: "customer",
        textBody: "Merci !",
        deliveryStatus: "received",
        createdAt: new Date("2026-11-23T10:05:00Z"),
      },
    });
  const latest = await db.message.findFirstOrThrow({
    where: { conversationId: conversation.id },
    orderBy: { createdAt: "desc" },
  });
  return { agent, customer, conversation, first, inbound, latestId: latest.id };
}

const minutesLater = (minutes: number) => new Date(Date.now() + minutes * 60_000);

const reply = (
  conversationId: string,
  seenUpToMessageId: string,
  overrides: Partial<Parameters<typeof sendStaffReply>[0]> = {},
) => ({
  conversationId,
  channel: "email" as const,
  text: "Bonjour Camille, ouvrez d'abord l'application de votre banque.",
  clientRequestId: randomUUID(),
  seenUpToMessageId,
  sendAnyway: false,
  attachmentIds: [] as string[],
  ...overrides,
});

describe("staff replies", () => {
  it("threads an email reply in the customer's client and marks the conversation answered", async () => {
    const { agent, conversation, latestId } = await setup();
    const result = await sendStaffReply(reply(conversation.id, latestId), agent);
    expect(result.outcome).toBe("sent");
    expect(fakes.postmark.sent).toHaveLength(1);
    const mail = fakes.postmark.sent[0]!;
    const header = (name: string) => mail.Headers.find((h) => h.Name === name)?.Value;
    expect(header("In-Reply-To")).toBe("<a2@mail.example>");
    expect(header("References")).toBe("<a1@mail.example> <a2@mail.example>");
    expect(header("Message-ID")).toMatch(/^<reply-[0-9a-f-]+@atelier-lune\.example>$/);
    expect(mail.ReplyTo).toBe("reply+hash42@inbound.atelier-lune.example");
    expect(mail.Subject).toBe("Re: Ma commande");
    expect(mail.TextBody).toContain("ouvrez d'abord l'application");
    expect(mail.From).toContain("Sofia · Atelier Lune");
    const stored = await db.message.findFirstOrThrow({ where: { authorType: "staff" } });
    expect(stored).toMatchObject({
      deliveryStatus: "sent",
      providerMessageId: mail.MessageID,
      authorUserId: agent.id,
      emailMessageId: header("Message-ID"),
    });
    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({
      waitingSince: null,
      needsHuman: false,
    });
    // Answering it is having read it.
    expect(await db.conversationRead.count({ where: { conversationId: conversation.id, userId: agent.id } })).toBe(1);
  });

  it("answers a text by SMS without prior consent, but never after STOP", async () => {
    const { agent, conversation, customer, latestId } = await setup({ sms: true });
    expect(
      (await sendStaffReply(reply(conversation.id, latestId, { channel: "sms", text: "Avec plaisir !" }), agent))
        .outcome,
    ).toBe("sent");
    expect(fakes.twilio.sent).toMatchObject([{ to: "+33611223344", body: "Avec plaisir !" }]);
    expect((await db.message.findFirstOrThrow({ where: { authorType: "staff" } })).smsSegments).toBe(1);

    await setSmsState(customer.phone!, { smsOptedOutAt: new Date() });
    await expect(
      sendStaffReply(reply(conversation.id, latestId, { channel: "sms", text: "Encore moi" }), agent),
    ).rejects.toMatchObject({ code: "bad_request", message: expect.stringContaining("STOP") });
    expect(fakes.twilio.sent).toHaveLength(1);
  });

  it("refuses SMS to a customer who never texted nor consented", async () => {
    const { agent, conversation, latestId } = await setup();
    await expect(sendStaffReply(reply(conversation.id, latestId, { channel: "sms" }), agent)).rejects.toMatchObject({
      code: "bad_request",
    });
    expect(await db.message.count({ where: { authorType: "staff" } })).toBe(0);
  });

  it("sends a double-submitted reply once", async () => {
    const { agent, conversation, latestId } = await setup();
    const input = reply(conversation.id, latestId);
    const results = await Promise.all([sendStaffReply(input, agent), sendStaffReply(input, agent)]);
    expect(results.map((r) => r.outcome)).toContain("sent");
    expect(fakes.postmark.sent).toHaveLength(1);
    expect(await db.message.count({ where: { authorType: "staff" } })).toBe(1);
    expect((await sendStaffReply(input, agent)).outcome).toBe("sent");
    expect(fakes.postmark.sent).toHaveLength(1);
  });

  it("keeps a failed reply for a retry that sends it once", async () => {
    const { agent, conversation, latestId } = await setup();
    fakes.postmark.failNext({ status: 500, body: { ErrorCode: 500, Message: "Internal error" } });
    const input = reply(conversation.id, latestId);
    const failed = await sendStaffReply(input, agent);
    expect(failed).toMatchObject({ outcome: "failed", error: expect.stringContaining("500") });
    expect(await db.message.findFirstOrThrow({ where: { authorType: "staff" } })).toMatchObject({
      deliveryStatus: "failed",
    });
    expect((await sendStaffReply(input, agent)).outcome).toBe("sent");
    expect(fakes.postmark.sent).toHaveLength(1);
    expect(await db.message.count({ where: { authorType: "staff" } })).toBe(1);
  });

  it("after a provider timeout, a retry finds the reply that went instead of sending it again", async () => {
    const { agent, conversation, latestId } = await setup();
    fakes.postmark.failNext("reset-after");
    const input = reply(conversation.id, latestId);
    expect((await sendStaffReply(input, agent)).outcome).toBe("unknown");
    expect(fakes.postmark.sent).toHaveLength(1);
    expect((await sendStaffReply(input, agent)).outcome).toBe("sent");
    expect(fakes.postmark.sent).toHaveLength(1);
    expect(await db.message.findFirstOrThrow({ where: { authorType: "staff" } })).toMatchObject({
      deliveryStatus: "sent",
      providerMessageId: fakes.postmark.sent[0]!.MessageID,
    });
  });

  it("a reply nobody retried after a timeout is settled by the dispatcher: found at Postmark, it went", async () => {
    const { agent, conversation, latestId } = await setup();
    fakes.postmark.failNext("reset-after");
    expect((await sendStaffReply(reply(conversation.id, latestId), agent)).outcome).toBe("unknown");
    // Within the agent's retry window, the dispatcher leaves it to them.
    expect((await dispatchDueMessages({ now: () => minutesLater(5) })).settledReplies).toEqual({ sent: 0, failed: 0 });
    const report = await dispatchDueMessages({ now: () => minutesLater(11) });
    expect(report.settledReplies).toEqual({ sent: 1, failed: 0 });
    expect(await db.message.findFirstOrThrow({ where: { authorType: "staff" } })).toMatchObject({
      deliveryStatus: "sent",
      providerMessageId: fakes.postmark.sent[0]!.MessageID,
      deliveryErrorCode: null,
    });
    expect(fakes.postmark.sent).toHaveLength(1);
  });

  it("a reply Postmark never received is settled as failed, and the agent's retry then sends it once", async () => {
    const { agent, conversation, latestId } = await setup();
    fakes.postmark.failNext("reset-before");
    const input = reply(conversation.id, latestId);
    expect((await sendStaffReply(input, agent)).outcome).toBe("unknown");
    expect(fakes.postmark.sent).toHaveLength(0);
    expect((await dispatchDueMessages({ now: () => minutesLater(11) })).settledReplies).toEqual({ sent: 0, failed: 1 });
    expect(await db.message.findFirstOrThrow({ where: { authorType: "staff" } })).toMatchObject({
      deliveryStatus: "failed",
    });
    expect((await sendStaffReply(input, agent)).outcome).toBe("sent");
    expect(fakes.postmark.sent).toHaveLength(1);
    expect(await db.message.count({ where: { authorType: "staff" } })).toBe(1);
  });

  it("an email reply where the customer only texted continues our own last mail's thread", async () => {
    const { agent, conversation } = await setup();
    await db.message.updateMany({
      where: { conversationId: conversation.id, direction: "inbound" },
      data: { channel: "sms", emailMessageId: null },
    });
    const ours = await db.message.create({
      data: {
        conversationId: conversation.id,
        direction: "outbound",
        channel: "email",
        authorType: "automation",
        subject: "Your order",
        textBody: "How is it going?",
        emailMessageId: "<sm-1@atelier-lune.example>",
        deliveryStatus: "sent",
        createdAt: new Date("2026-11-23T11:00:00Z"),
      },
    });
    expect((await sendStaffReply(reply(conversation.id, ours.id), agent)).outcome).toBe("sent");
    const header = (name: string) => fakes.postmark.sent[0]!.Headers.find((h) => h.Name === name)?.Value;
    expect(header("In-Reply-To")).toBe("<sm-1@atelier-lune.example>");
    expect(fakes.postmark.sent[0]!.Subject).toBe("Re: Your order");
  });

  it("stops when the customer wrote after the agent looked, and sends when the agent confirms", async () => {
    const { agent, conversation, first } = await setup();
    const stale = await sendStaffReply(reply(conversation.id, first.id), agent);
    expect(stale).toMatchObject({ outcome: "stale", newer: [{ direction: "inbound", text: "Le paiement a échoué" }] });
    expect(fakes.postmark.sent).toHaveLength(0);
    expect((await sendStaffReply(reply(conversation.id, first.id, { sendAnyway: true }), agent)).outcome).toBe("sent");
  });

  it("a teammate's reply also counts as news; the agent's own messages and notes do not", async () => {
    const { agent, conversation, latestId } = await setup();
    const teammate = await createUser({
      email: "marc@shop.test",
      name: "Marc",
      role: "manager",
      password: "manager-password",
    });
    await db.message.create({
      data: {
        conversationId: conversation.id,
        direction: "outbound",
        channel: "email",
        authorType: "staff",
        authorUserId: agent.id,
        isInternalNote: true,
        textBody: "my note",
        deliveryStatus: "sent",
      },
    });
    expect((await sendStaffReply(reply(conversation.id, latestId), agent)).outcome).toBe("sent");
    await db.message.create({
      data: {
        conversationId: conversation.id,
        direction: "outbound",
        channel: "email",
        authorType: "staff",
        authorUserId: teammate.id,
        textBody: "Je m'en occupe",
        deliveryStatus: "sent",
      },
    });
    expect(await sendStaffReply(reply(conversation.id, latestId), agent)).toMatchObject({
      outcome: "stale",
      newer: [{ from: "Marc", text: "Je m'en occupe" }],
    });
  });

  it("fills canned-reply variables, the review link tracked to the message", async () => {
    const { agent, conversation, latestId } = await setup();
    await sendStaffReply(
      reply(conversation.id, latestId, { text: "Merci {{firstName}} ! Votre {{productName}} : {{reviewLink}}" }),
      agent,
    );
    const sent = fakes.postmark.sent[0]!.TextBody;
    expect(sent).toMatch(/^Merci Camille ! Votre Lampe Lune : https:\/\/inbox\.atelier-lune\.example\/r\/[\w-]+/);
    const message = await db.message.findFirstOrThrow({ where: { authorType: "staff" } });
    expect(await db.trackedLink.findFirstOrThrow({ where: { kind: "review" } })).toMatchObject({
      messageId: message.id,
    });
    await expect(
      sendStaffReply(reply(conversation.id, latestId, { text: "Hi {{firstname}}" }), agent),
    ).rejects.toMatchObject({ code: "bad_request", message: expect.stringContaining("firstname") });
  });
  it("a reply wakes a snoozed conversation: open again, no snooze end left", async () => {
    const { agent, conversation, latestId } = await setup();
    await db.conversation.update({
      where: { id: conversation.id },
      data: { status: "snoozed", snoozedUntil: new Date("2030-01-01T09:00:00Z") },
    });
    expect((await sendStaffReply(reply(conversation.id, latestId), agent)).outcome).toBe("sent");
    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({
      status: "open",
      snoozedUntil: null,
    });
  });

  it("signs an email reply once, even when the agent signed it too", async () => {
    const { agent, conversation, latestId } = await setup();
    await sendStaffReply(
      reply(conversation.id, latestId, { text: "Bonjour Camille,\n\nC'est réparé.\n\nSofia\nAtelier Lune" }),
      agent,
    );
    const mail = fakes.postmark.sent[0]!;
    expect(mail.TextBody).toBe("Bonjour Camille,\n\nC'est réparé.\n\nSofia\nAtelier Lune\n");
    expect(mail.HtmlBody.split("Sofia").length - 1).toBe(1);
  });
});

describe("review links from the inbox", () => {
  it("sends the founder's review request with a tracked link, whatever the customer's sentiment", async () => {
    const { agent, conversation } = await setup();
    await db.conversation.update({ where: { id: conversation.id }, data: { sentiment: "negative" } });
    const result = await sendReviewLink(
      { conversationId: conversation.id, channel: "email", clientRequestId: randomUUID() },
      agent.id,
      new Date("2026-11-24T10:00:00Z"),
    );
    expect(result.outcome).toBe("sent");
    expect(fakes.postmark.sent).toHaveLength(1);
    expect(fakes.postmark.sent[0]!.TextBody).toMatch(
      /Lampe Lune m'aideraient.*https:\/\/inbox\.atelier-lune\.example\/r\//s,
    );
    const scheduled = await db.scheduledMessage.findFirstOrThrow({ where: { flow: "manual" } });
    expect(scheduled).toMatchObject({ step: "review_link", status: "sent", conversationId: conversation.id });
    expect(await db.trackedLink.count({ where: { kind: "review", scheduledMessageId: scheduled.id } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "conversation.review_link_sent" } })).toBe(1);
  });

  it("needs SMS consent, and waits for the customer's morning", async () => {
    const { agent, conversation, customer } = await setup({ sms: true });
    const send = (at: string) =>
      sendReviewLink(
        { conversationId: conversation.id, channel: "sms", clientRequestId: randomUUID() },
        agent.id,
        new Date(at),
      );
    await expect(send("2026-11-24T10:00:00Z")).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringContaining("consent"),
    });
    await setSmsState(customer.phone!, { smsConsentAt: new Date("2026-11-01T00:00:00Z") });
    // 23:30 in Paris.
    const night = await send("2026-11-24T22:30:00Z");
    expect(night).toMatchObject({ outcome: "deferred" });
    expect(fakes.twilio.sent).toHaveLength(0);
    expect((await send("2026-11-24T10:00:00Z")).outcome).toBe("sent");
    expect(fakes.twilio.sent[0]!.body).toMatch(/STOP/);
  });

  it("refuses email after an unsubscribe", async () => {
    const { agent, conversation, customer } = await setup();
    await db.customer.update({ where: { id: customer.id }, data: { emailUnsubscribedAt: new Date() } });
    await expect(
      sendReviewLink({ conversationId: conversation.id, channel: "email", clientRequestId: randomUUID() }, agent.id),
    ).rejects.toMatchObject({ code: "bad_request" });
    expect(fakes.postmark.sent).toHaveLength(0);
  });
});

describe("inbox actions check the session", () => {
  it("a signed-out caller sends nothing", async () => {
    const { conversation, latestId } = await setup();
    expect(await sendReplyAction(reply(conversation.id, latestId))).toMatchObject({
      ok: false,
      code: "unauthenticated",
    });
    expect(
      await sendReviewLinkAction({ conversationId: conversation.id, channel: "email", clientRequestId: randomUUID() }),
    ).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await markFrictionAction({ conversationId: conversation.id, newCategoryName: "Promo" })).toMatchObject({
      ok: false,
      code: "unauthenticated",
    });
    expect(fakes.postmark.sent).toHaveLength(0);
    expect(await db.frictionCategory.count()).toBe(0);
  });

  it("an agent's reply goes through the action, with clear errors for bad input", async () => {
    const { agent, conversation, latestId } = await setup();
    session.user = { id: agent.id, email: agent.email, name: agent.name, role: "agent" };
    expect(await sendReplyAction({ ...reply(conversation.id, latestId), text: "   " })).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { text: ["The message is required."] },
    });
    expect(await sendReplyAction({ ...reply(conversation.id, latestId), conversationId: "missing" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    // From the composer, a reply is held for the shop's Undo delay, then sent by the server.
    await db.shopSettings.update({ where: { id: 1 }, data: { undoSendSeconds: 1 } });
    const held = await sendReplyAction(reply(conversation.id, latestId));
    expect(held).toMatchObject({ ok: true, data: { outcome: "held" } });
    expect(fakes.postmark.sent).toHaveLength(0);
    await settleBackgroundWork();
    expect(fakes.postmark.sent).toHaveLength(1);
  });
});

describe("undo send", () => {
  async function heldReply(undoSendSeconds = 1) {
    const context = await setup();
    await db.shopSettings.update({ where: { id: 1 }, data: { undoSendSeconds } });
    session.user = {
      id: context.agent.id,
      email: context.agent.email,
      name: context.agent.name,
      role: "agent",
    };
    const input = reply(context.conversation.id, context.latestId);
    const result = await sendReplyAction(input);
    if (!result.ok || result.data.outcome !== "held") throw new Error(`not held: ${JSON.stringify(result)}`);
    return { ...context, input, messageId: result.data.messageId };
  }

  it("Undo within the delay sends nothing, ever, and the reply leaves the thread", async () => {
    const { conversation, messageId } = await heldReply();
    // The reply had no files: none come back to the composer.
    expect(await undoReplyAction({ conversationId: conversation.id, messageId })).toEqual({
      ok: true,
      data: [],
    });
    await settleBackgroundWork();
    expect(fakes.postmark.sent).toHaveLength(0);
    expect(await db.message.count({ where: { authorType: "staff" } })).toBe(0);
    expect(await undoReplyAction({ conversationId: conversation.id, messageId })).toMatchObject({
      ok: false,
      code: "not_found",
    });
  });

  it("not undone, it goes once when the delay is over; a second click meanwhile is the same reply; Undo is then too late", async () => {
    const { conversation, input, messageId } = await heldReply();
    expect(await sendReplyAction(input)).toMatchObject({ ok: true, data: { outcome: "held", messageId } });
    await settleBackgroundWork();
    expect(fakes.postmark.sent).toHaveLength(1);
    expect(await db.message.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ deliveryStatus: "sent" });
    expect(await undoReplyAction({ conversationId: conversation.id, messageId })).toMatchObject({
      ok: false,
      code: "conflict",
      error: "Too late to undo: the reply has already gone.",
    });
  });

  it("only its author can take it back", async () => {
    const { conversation, messageId } = await heldReply(3);
    const other = await createUser({
      email: "marc@shop.test",
      name: "Marc",
      role: "agent",
      password: "agent-password",
    });
    session.user = { id: other.id, email: other.email, name: other.name, role: "agent" };
    expect(await undoReplyAction({ conversationId: conversation.id, messageId })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    // The dispatcher sends a held reply whose request did not (its process stopped).
    await db.message.update({ where: { id: messageId }, data: { sendAfter: new Date(Date.now() - 60_000) } });
    expect((await dispatchDueMessages()).heldRepliesSent).toBe(1);
    expect(fakes.postmark.sent).toHaveLength(1);
  });
});
