import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import {
  BUILT_IN_FRICTION_CATEGORIES,
  listFrictionCategories,
  listSuggestedFrictionCategories,
  reviewSuggestedCategory,
} from "@/lib/friction/friction-categories";
import { recordFrictionFix } from "@/lib/friction/record-fix";
import { frictionReport } from "@/lib/reports/friction-report";
import { parseReportFilters } from "@/lib/reports/report-filters";
import { markFriction, removeFrictionMark } from "@/lib/friction/mark-friction";
import { addTag, listTagNames, removeTag, tagNameSchema } from "@/lib/inbox/conversation-tags";
import { heartbeat, leave, PRESENCE_TTL_MS } from "@/lib/inbox/presence";
import { pauseScheduledMessage, resumeScheduledMessage } from "@/lib/inbox/sequence-control";
import { createUser } from "@/lib/users/create-user";
import { makeCustomer } from "../support/factories";

beforeEach(truncateAllTables);

async function setup() {
  const agent = await createUser({
    email: "sofia@shop.test",
    name: "Sofia",
    role: "agent",
    password: "agent-password",
  });
  const customer = await makeCustomer();
  const conversation = await db.conversation.create({
    data: { customerId: customer.id, mailboxHash: "h1", lastMessageAt: new Date() },
  });
  return { agent, customer, conversation };
}

describe("friction marks", () => {
  it("offers the built-in categories once, links a conversation and updates its note on a second mark", async () => {
    const { agent, conversation } = await setup();
    await listFrictionCategories();
    const categories = await listFrictionCategories();
    expect(categories.map((c) => c.key)).toEqual(BUILT_IN_FRICTION_CATEGORIES.map((c) => c.key));
    const threeDS = categories.find((c) => c.key === "payment_authentication")!;
    await markFriction({ conversationId: conversation.id, categoryId: threeDS.id, note: "timed out twice" }, agent);
    await markFriction(
      { conversationId: conversation.id, categoryId: threeDS.id, note: "timed out three times" },
      agent,
    );
    expect(await db.frictionMark.findMany()).toMatchObject([
      { categoryId: threeDS.id, note: "timed out three times", markedById: agent.id },
    ]);
    expect(await db.auditLog.count({ where: { action: "conversation.friction_marked" } })).toBe(2);
  });

  it("creates a new category by name, the same name twice being one category", async () => {
    const { agent, conversation } = await setup();
    const first = await markFriction({ conversationId: conversation.id, newCategoryName: "Code promo refusé" }, agent);
    const other = await db.conversation.create({
      data: { customerId: conversation.customerId, mailboxHash: "h2", lastMessageAt: new Date() },
    });
    await markFriction({ conversationId: other.id, newCategoryName: "  code PROMO refusé " }, agent);
    expect(first.categoryName).toBe("Code promo refusé");
    expect(await db.frictionCategory.findMany({ select: { key: true } })).toEqual([{ key: "code_promo_refuse" }]);
    expect(await db.frictionMark.count()).toBe(2);
  });

  it("an agent's new category is a suggestion, outside the list and the report until a manager confirms it; a rejected one goes with its marks", async () => {
    const { agent, conversation } = await setup();
    const manager = await createUser({
      email: "max@shop.test",
      name: "Max",
      role: "manager",
      password: "manager-password",
    });
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const parsed = parseReportFilters({ from: day(-30), to: day(1) });
    if (!parsed.ok) throw new Error(parsed.error);
    const reported = async () => (await frictionReport(parsed.filters)).map((c) => c.name);

    const junk = await markFriction({ conversationId: conversation.id, newCategoryName: "asdf" }, agent);
    const promo = await markFriction({ conversationId: conversation.id, newCategoryName: "Code promo refusé" }, agent);
    expect(promo.suggested).toBe(true);
    expect((await listFrictionCategories()).map((c) => c.name)).not.toContain("Code promo refusé");
    expect(await reported()).toEqual([]);
    expect(await listSuggestedFrictionCategories()).toMatchObject([
      { name: "asdf", suggestedBy: "Sofia", marks: 1 },
      { name: "Code promo refusé", suggestedBy: "Sofia", marks: 1 },
    ]);
    const [junkCategory, promoCategory] = await listSuggestedFrictionCategories();
    await expect(
      recordFrictionFix({ categoryId: promoCategory!.id, fixedOn: "2026-01-01", note: "fixed the code" }, manager.id),
    ).rejects.toMatchObject({ code: "not_found" });

    await reviewSuggestedCategory({ categoryId: promoCategory!.id, decision: "confirm" }, manager.id);
    await reviewSuggestedCategory({ categoryId: junkCategory!.id, decision: "reject" }, manager.id);
    expect(await reported()).toEqual(["Code promo refusé"]);
    expect((await listFrictionCategories()).map((c) => c.name)).toContain("Code promo refusé");
    expect(await db.frictionCategory.findUnique({ where: { id: junkCategory!.id } })).toBeNull();
    expect(await db.frictionMark.findMany({ select: { categoryId: true } })).toEqual([
      { categoryId: promoCategory!.id },
    ]);
    expect(junk.suggested).toBe(true);
    await expect(
      reviewSuggestedCategory({ categoryId: promoCategory!.id, decision: "reject" }, manager.id),
    ).rejects.toMatchObject({ code: "conflict" });

    // A manager's new category is confirmed at once.
    const own = await markFriction({ conversationId: conversation.id, newCategoryName: "Retour compliqué" }, manager);
    expect(own.suggested).toBe(false);
    expect(await reported()).toContain("Retour compliqué");
  });

  it("removes a mark once, and says so the second time", async () => {
    const { agent, conversation } = await setup();
    const { markId } = await markFriction(
      { conversationId: conversation.id, newCategoryName: "Delivery delay" },
      agent,
    );
    await removeFrictionMark(conversation.id, markId, agent.id);
    expect(await db.frictionMark.count()).toBe(0);
    await expect(removeFrictionMark(conversation.id, markId, agent.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("tags", () => {
  it("normalises names, adds each once, removes, and suggests the most used first", async () => {
    const { agent, conversation, customer } = await setup();
    const name = tagNameSchema.parse("  Refund Request ");
    expect(name).toBe("refund-request");
    expect(tagNameSchema.safeParse("no/slash").success).toBe(false);
    await addTag(conversation.id, name, agent.id);
    await addTag(conversation.id, name, agent.id);
    const other = await db.conversation.create({
      data: { customerId: customer.id, mailboxHash: "h3", lastMessageAt: new Date() },
    });
    await addTag(other.id, name, agent.id);
    await addTag(other.id, "vip", agent.id);
    expect(await db.conversationTag.count({ where: { conversationId: conversation.id } })).toBe(1);
    expect(await listTagNames()).toEqual(["refund-request", "vip"]);
    await removeTag(conversation.id, name, agent.id);
    await removeTag(conversation.id, name, agent.id);
    expect(await db.conversationTag.count({ where: { conversationId: conversation.id } })).toBe(0);
    // Each change once in the audit log: tagging again or removing twice changes nothing.
    expect(
      await db.auditLog.findMany({
        where: { entityId: conversation.id, action: { startsWith: "conversation." } },
        select: { action: true, data: true },
        orderBy: { createdAt: "asc" },
      }),
    ).toEqual([
      { action: "conversation.tagged", data: { tag: "refund-request" } },
      { action: "conversation.untagged", data: { tag: "refund-request" } },
    ]);
    await expect(addTag("missing", "vip", agent.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("presence", () => {
  it("shows who else has the conversation open and who is typing, until they leave or go quiet", async () => {
    const { agent, conversation } = await setup();
    const marc = await createUser({
      email: "marc@shop.test",
      name: "Marc",
      role: "manager",
      password: "manager-password",
    });
    const now = new Date("2026-11-26T10:00:00Z");
    await heartbeat(conversation.id, marc.id, true, now);
    expect(await heartbeat(conversation.id, agent.id, false, now)).toMatchObject({
      others: [{ name: "Marc", replying: true }],
      latestMessageId: null,
      updatedAt: conversation.updatedAt.toISOString(),
    });
    const later = new Date(now.getTime() + PRESENCE_TTL_MS + 1);
    expect((await heartbeat(conversation.id, agent.id, false, later)).others).toEqual([]);
    await heartbeat(conversation.id, marc.id, false, later);
    await leave(conversation.id, marc.id);
    expect((await heartbeat(conversation.id, agent.id, false, later)).others).toEqual([]);
    await expect(heartbeat("missing", agent.id, false, now)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("pausing a scheduled message from the sidebar", () => {
  it("pauses a scheduled step and resumes it at its time, or now if that has passed", async () => {
    const { agent, customer } = await setup();
    const step = await db.scheduledMessage.create({
      data: {
        flow: "post_delivery",
        step: "day5",
        channel: "email",
        customerId: customer.id,
        dueAt: new Date("2026-11-20T10:00:00Z"),
        idempotencyKey: "k1",
      },
    });
    await pauseScheduledMessage(step.id, agent);
    expect(await db.scheduledMessage.findUniqueOrThrow({ where: { id: step.id } })).toMatchObject({
      status: "paused",
      statusReason: "paused by Sofia",
    });
    await expect(pauseScheduledMessage(step.id, agent)).rejects.toMatchObject({ code: "conflict" });
    const now = new Date("2026-11-26T10:00:00Z");
    await resumeScheduledMessage(step.id, agent, now);
    expect(await db.scheduledMessage.findUniqueOrThrow({ where: { id: step.id } })).toMatchObject({
      status: "scheduled",
      dueAt: now,
    });
    await db.scheduledMessage.update({ where: { id: step.id }, data: { status: "sent" } });
    await expect(resumeScheduledMessage(step.id, agent, now)).rejects.toMatchObject({ code: "conflict" });
  });
});
