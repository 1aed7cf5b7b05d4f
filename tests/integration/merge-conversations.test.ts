import { beforeEach, describe, expect, it } from "vitest";
import { POST as inboundWebhook } from "@/app/api/webhooks/postmark/inbound/route";
import { db } from "@/lib/db";
import { listFrictionCategories } from "@/lib/friction/friction-categories";
import { settleBackgroundWork } from "@/lib/http/run-after-response";
import { mergeConversations } from "@/lib/inbox/merge-conversations";
import { createUser } from "@/lib/users/create-user";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { makeCustomer } from "../support/factories";
import { fixture } from "../support/shopify";
import { withProviderEnv } from "../support/test-env";

withProviderEnv(() => ({ POSTMARK_WEBHOOK_USER: "postmark", POSTMARK_WEBHOOK_PASSWORD: "webhook-password" }));
beforeEach(async () => {
  await settleBackgroundWork();
  await truncateAllTables();
});

const at = (hour: number) => new Date(Date.UTC(2026, 10, 23, hour));

async function twoConversations() {
  const agent = await createUser({
    email: "sofia@shop.test",
    name: "Sofia",
    role: "agent",
    password: "agent-password",
  });
  const customer = await makeCustomer({ email: "camille.martin@example.net", firstName: "Camille" });
  const older = await db.conversation.create({
    data: {
      customerId: customer.id,
      mailboxHash: "c_7Kq2xW",
      subject: "Ma commande",
      status: "closed",
      resolution: "resolved",
      closedAt: at(4),
      lastMessageAt: at(3),
      channels: ["email"],
    },
  });
  const newer = await db.conversation.create({
    data: {
      customerId: customer.id,
      mailboxHash: "c_new",
      status: "open",
      needsHuman: true,
      waitingSince: at(2),
      lastMessageAt: at(2),
      channels: ["sms"],
    },
  });
  const write = (conversationId: string, hour: number, text: string, channel: "email" | "sms" = "email") =>
    db.message.create({
      data: {
        conversationId,
        direction: "inbound",
        channel,
        authorType: "customer",
        textBody: text,
        deliveryStatus: "received",
        createdAt: at(hour),
      },
    });
  await write(older.id, 1, "first");
  await write(newer.id, 2, "second", "sms");
  await write(older.id, 3, "third");
  const vip = await db.tag.create({ data: { name: "vip" } });
  const late = await db.tag.create({ data: { name: "late" } });
  await db.conversationTag.createMany({
    data: [
      { conversationId: older.id, tagId: vip.id },
      { conversationId: older.id, tagId: late.id },
      { conversationId: newer.id, tagId: vip.id },
    ],
  });
  const [category] = await listFrictionCategories();
  await db.frictionMark.createMany({
    data: [
      { conversationId: older.id, categoryId: category!.id, markedById: agent.id, note: "older" },
      { conversationId: newer.id, categoryId: category!.id, markedById: agent.id, note: "newer" },
    ],
  });
  return { agent, customer, older, newer };
}

describe("merging two conversations of a customer", () => {
  it("moves the messages in date order, keeps one of each tag and mark, and the merged one redirects", async () => {
    const { agent, older, newer } = await twoConversations();
    await mergeConversations({ sourceId: older.id, targetId: newer.id }, agent.id, at(5));

    const thread = await db.message.findMany({ where: { conversationId: newer.id }, orderBy: { createdAt: "asc" } });
    expect(thread.map((m) => m.textBody)).toEqual(["first", "second", "third"]);
    const target = await db.conversation.findUniqueOrThrow({
      where: { id: newer.id },
      include: { tags: { include: { tag: true } }, frictionMarks: true },
    });
    expect(target).toMatchObject({
      status: "open",
      needsHuman: true,
      waitingSince: at(2),
      lastMessageAt: at(3),
      subject: "Ma commande",
      channels: ["email", "sms"],
    });
    expect(target.tags.map((t) => t.tag.name).sort()).toEqual(["late", "vip"]);
    expect(target.frictionMarks.map((m) => m.note)).toEqual(["newer"]);
    expect(await db.conversation.findUniqueOrThrow({ where: { id: older.id } })).toMatchObject({
      mergedIntoId: newer.id,
      status: "closed",
    });
    expect(await db.message.count({ where: { conversationId: older.id } })).toBe(0);
    expect(
      (await db.auditLog.findMany({ where: { action: "conversation.merged" }, orderBy: { entityId: "asc" } })).map(
        (entry) => entry.entityId,
      ),
    ).toEqual([newer.id, older.id].sort());
  });

  it("takes the customer's later reply to the merged conversation's address into the one it was merged into", async () => {
    const { agent, older, newer } = await twoConversations();
    await mergeConversations({ sourceId: older.id, targetId: newer.id }, agent.id, at(5));
    const reply = fixture("postmark/inbound-reply.json");
    const response = await inboundWebhook(
      new Request("http://localhost/api/webhooks/postmark/inbound", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Basic ${Buffer.from("postmark:webhook-password").toString("base64")}`,
        },
        body: JSON.stringify(reply),
      }),
    );
    expect(await response.json()).toEqual({ status: "processed", conversationId: newer.id });
  });

  it("refuses two customers' conversations, a conversation with itself, and one already merged", async () => {
    const { agent, older, newer } = await twoConversations();
    const stranger = await makeCustomer({ email: "other@example.org" });
    const theirs = await db.conversation.create({
      data: { customerId: stranger.id, mailboxHash: "x1", lastMessageAt: at(1) },
    });
    await expect(mergeConversations({ sourceId: theirs.id, targetId: newer.id }, agent.id)).rejects.toMatchObject({
      code: "bad_request",
    });
    await expect(mergeConversations({ sourceId: newer.id, targetId: newer.id }, agent.id)).rejects.toMatchObject({
      code: "bad_request",
    });
    await mergeConversations({ sourceId: older.id, targetId: newer.id }, agent.id);
    await expect(mergeConversations({ sourceId: older.id, targetId: newer.id }, agent.id)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await db.message.count({ where: { conversationId: newer.id } })).toBe(3);
  });
});
