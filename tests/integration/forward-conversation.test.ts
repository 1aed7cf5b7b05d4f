import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { forwardConversation, forwardSchema } from "@/lib/inbox/forward-conversation";
import { ensureDefaultTemplates } from "@/lib/templates/ensure-default-templates";
import { createUser } from "@/lib/users/create-user";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { withFakeProviders } from "../support/fake-provider-env";
import { makeCustomer, makeShopSettings } from "../support/factories";

const fakes = withFakeProviders({ POSTMARK_INBOUND_ADDRESS: "reply@inbound.atelier-lune.example" });

beforeEach(async () => {
  await truncateAllTables();
  await makeShopSettings();
  await ensureDefaultTemplates();
});

async function conversationWithTwoMessages() {
  const agent = await createUser({
    email: "sofia@shop.test",
    name: "Sofia",
    role: "agent",
    password: "agent-password",
  });
  const customer = await makeCustomer({ firstName: "Inès", lastName: "Roux", email: "ines@mail.example" });
  const waitingSince = new Date("2026-11-23T09:00:00Z");
  const conversation = await db.conversation.create({
    data: {
      customerId: customer.id,
      mailboxHash: "h-fwd",
      subject: "Colis abîmé",
      lastMessageAt: waitingSince,
      waitingSince,
      needsHuman: true,
    },
  });
  const base = { conversationId: conversation.id, channel: "email" as const, deliveryStatus: "received" as const };
  const first = await db.message.create({
    data: {
      ...base,
      direction: "inbound",
      authorType: "customer",
      textBody: "Le colis est arrivé écrasé.",
      createdAt: waitingSince,
    },
  });
  await db.message.create({
    data: {
      ...base,
      direction: "inbound",
      authorType: "customer",
      textBody: "Voici le numéro de suivi : 1Z999.",
      createdAt: new Date("2026-11-23T09:05:00Z"),
    },
  });
  return { agent, conversation, first, waitingSince };
}

describe("forwarding a conversation", () => {
  it("emails the whole thread to an outside address with the agent's note, recorded as a forward the customer never sees", async () => {
    const { agent, conversation, waitingSince } = await conversationWithTwoMessages();
    const input = forwardSchema.parse({
      conversationId: conversation.id,
      to: " Claims@Carrier.example ",
      note: "Bonjour, pouvez-vous ouvrir une réclamation ?",
    });
    const result = await forwardConversation(input, agent, "fr", "Europe/Paris");
    expect(result.outcome).toBe("sent");
    const mail = fakes.postmark.sent.at(-1)!;
    expect(mail.To).toBe("claims@carrier.example");
    expect(mail.Subject).toBe("Fwd: Colis abîmé");
    expect(mail.TextBody).toMatch(
      /^Bonjour, pouvez-vous ouvrir une réclamation \?\n\n---------- Conversation transférée ----------\n\nDe : Inès Roux \(E-mail\)\nDate : 23 nov\. 2026, 10:00\n\nLe colis est arrivé écrasé\.\n\nDe : Inès Roux \(E-mail\)\nDate : 23 nov\. 2026, 10:05\n\nVoici le numéro de suivi : 1Z999\./,
    );
    expect(mail.HtmlBody).toContain("Le colis est arrivé écrasé.");
    expect(mail.ReplyTo ?? "").toBe("");
    const recorded = await db.message.findUniqueOrThrow({ where: { id: result.messageId } });
    expect(recorded).toMatchObject({
      isInternalNote: true,
      forwardedTo: "claims@carrier.example",
      deliveryStatus: "sent",
      providerMessageId: mail.MessageID,
    });
    // A forward is not an answer to the customer: they still wait.
    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({
      waitingSince,
      needsHuman: true,
    });
    expect(await db.auditLog.count({ where: { action: "conversation.forwarded", entityId: conversation.id } })).toBe(1);
  });

  it("forwards one message alone, and says so when the provider refuses", async () => {
    const { agent, conversation, first } = await conversationWithTwoMessages();
    fakes.postmark.failNext({ status: 422, body: { ErrorCode: 300, Message: "Invalid 'To' address" } });
    const result = await forwardConversation(
      forwardSchema.parse({ conversationId: conversation.id, messageId: first.id, to: "claims@carrier.example" }),
      agent,
      "en",
      "UTC",
    );
    expect(result).toMatchObject({ outcome: "failed", error: expect.stringContaining("Invalid 'To' address") });
    expect(await db.message.findUniqueOrThrow({ where: { id: result.messageId } })).toMatchObject({
      deliveryStatus: "failed",
    });
    const retried = await forwardConversation(
      forwardSchema.parse({ conversationId: conversation.id, messageId: first.id, to: "claims@carrier.example" }),
      agent,
      "en",
      "UTC",
    );
    expect(retried.outcome).toBe("sent");
    const mail = fakes.postmark.sent.at(-1)!;
    expect(mail.TextBody).toContain("Le colis est arrivé écrasé.");
    expect(mail.TextBody).not.toContain("1Z999");
    expect(forwardSchema.safeParse({ conversationId: conversation.id, to: "not an address" }).success).toBe(false);
  });
});

describe("a forward is not a channel of the conversation", () => {
  it("leaves an SMS-only conversation SMS-only in the list after a forward by email", async () => {
    const { agent, conversation } = await conversationWithTwoMessages();
    await db.message.updateMany({ where: { conversationId: conversation.id }, data: { channel: "sms" } });
    await db.conversation.update({ where: { id: conversation.id }, data: { channels: ["sms"] } });
    const input = forwardSchema.parse({ conversationId: conversation.id, to: "claims@carrier.example" });
    expect((await forwardConversation(input, agent, "fr", "Europe/Paris")).outcome).toBe("sent");
    expect((await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).channels).toEqual(["sms"]);
  });
});
