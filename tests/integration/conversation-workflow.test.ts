import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { addInternalNote, assignConversation, changeConversationStatus } from "@/lib/inbox/update-conversation";
import { wakeSnoozedConversations } from "@/lib/inbox/wake-snoozed-conversations";
import { createUser } from "@/lib/users/create-user";
import { makeCustomer } from "../support/factories";

beforeEach(truncateAllTables);

async function setup() {
  const agent = await createUser({ email: "agent@shop.test", role: "agent", password: "agent-password" });
  const customer = await makeCustomer();
  const conversation = await db.conversation.create({
    data: {
      customerId: customer.id,
      mailboxHash: "h",
      lastMessageAt: new Date(),
      needsHuman: true,
      intent: "problem",
      waitingSince: new Date(),
    },
  });
  await db.scheduledMessage.create({
    data: {
      flow: "post_delivery",
      step: "day5",
      channel: "email",
      customerId: customer.id,
      dueAt: new Date("2026-11-20T10:00:00Z"),
      status: "paused",
      statusReason: "paused: the customer has an open problem",
      idempotencyKey: "d5",
    },
  });
  return { agent, customer, conversation };
}

describe("conversation workflow", () => {
  it("closing resumes the paused review steps however it ends: resolved or not, nobody is left unasked", async () => {
    const { agent, conversation } = await setup();
    const now = new Date("2026-11-23T12:00:00Z");
    await changeConversationStatus(
      { conversationId: conversation.id, status: "closed", resolution: "not_resolved" },
      agent.id,
      now,
    );
    expect(await db.scheduledMessage.findFirstOrThrow()).toMatchObject({ status: "scheduled", dueAt: now });
    await db.scheduledMessage.updateMany({
      data: { status: "paused", statusReason: "paused: the customer has an open problem" },
    });
    await changeConversationStatus({ conversationId: conversation.id, status: "open" }, agent.id, now);
    await changeConversationStatus(
      { conversationId: conversation.id, status: "closed", resolution: "resolved" },
      agent.id,
      now,
    );
    expect(await db.scheduledMessage.findFirstOrThrow()).toMatchObject({ status: "scheduled", dueAt: now });
    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({
      status: "closed",
      resolution: "resolved",
      needsHuman: false,
      waitingSince: null,
      closedAt: now,
    });
    expect(await db.auditLog.count({ where: { action: "conversation.status_changed" } })).toBe(3);
  });

  it("snoozes only into the future", async () => {
    const { agent, conversation } = await setup();
    const now = new Date("2026-11-23T12:00:00Z");
    await expect(
      changeConversationStatus(
        { conversationId: conversation.id, status: "snoozed", snoozedUntil: new Date("2026-11-23T11:00:00Z") },
        agent.id,
        now,
      ),
    ).rejects.toMatchObject({ code: "bad_request" });
    await changeConversationStatus(
      { conversationId: conversation.id, status: "snoozed", snoozedUntil: new Date("2026-11-24T09:00:00Z") },
      agent.id,
      now,
    );
    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({
      status: "snoozed",
      snoozedUntil: new Date("2026-11-24T09:00:00Z"),
    });
    expect(await wakeSnoozedConversations(new Date("2026-11-24T08:59:00Z"))).toBe(0);
    expect(await wakeSnoozedConversations(new Date("2026-11-24T09:00:00Z"))).toBe(1);
    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({
      status: "open",
      snoozedUntil: null,
    });
  });

  it("assigns to an active teammate only, and notes stay internal", async () => {
    const { agent, conversation } = await setup();
    await assignConversation(conversation.id, agent.id, agent.id);
    expect((await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).assigneeId).toBe(agent.id);
    await expect(assignConversation(conversation.id, "nobody", agent.id)).rejects.toMatchObject({
      code: "bad_request",
    });
    await expect(assignConversation("missing", agent.id, agent.id)).rejects.toMatchObject({ code: "not_found" });
    const noteId = await addInternalNote(conversation.id, "Customer called, sending a new lamp.", agent.id);
    expect(await db.message.findUniqueOrThrow({ where: { id: noteId } })).toMatchObject({
      isInternalNote: true,
      authorUserId: agent.id,
      authorType: "staff",
    });
  });
});
