import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { createUser } from "@/lib/users/create-user";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { makeCustomer } from "../support/factories";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({
  getCurrentUser: async () => session.user,
  getCurrentUserPreferences: async () => ({ locale: "fr", timeZone: "auto" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { bulkUpdateConversations } = await import("@/lib/inbox/bulk-update-conversations");
const { bulkUpdateAction } = await import("@/app/(app)/inbox/actions");

beforeEach(async () => {
  await truncateAllTables();
  session.user = null;
});

const now = new Date("2026-11-30T10:00:00Z");

async function setup() {
  const agent = await createUser({
    email: "sofia@shop.test",
    name: "Sofia",
    role: "agent",
    password: "agent-password",
  });
  const names = ["Camille", "Élodie", "Inès", "Olivier"];
  const conversations = [];
  for (const [index, firstName] of names.entries()) {
    const customer = await makeCustomer({ firstName, email: `c${index}@mail.example` });
    conversations.push(
      await db.conversation.create({
        data: {
          customerId: customer.id,
          mailboxHash: `h${index}`,
          lastMessageAt: now,
          needsHuman: true,
          waitingSince: now,
        },
      }),
    );
  }
  return { agent, conversations };
}

const auditedActions = (action: string) =>
  db.auditLog.findMany({ where: { action }, select: { entityId: true, actorUserId: true } });

describe("bulk actions", () => {
  it("closes three conversations in one action, each audited once; one already closed is left as it was", async () => {
    const { agent, conversations } = await setup();
    const [a, b, c, d] = conversations.map((conversation) => conversation.id) as [string, string, string, string];
    await db.conversation.update({
      where: { id: d },
      data: {
        status: "closed",
        resolution: "not_resolved",
        closedAt: new Date("2026-11-29T10:00:00Z"),
        needsHuman: false,
        waitingSince: null,
      },
    });
    const outcome = await bulkUpdateConversations(
      { conversationIds: [a, b, c, d], action: { kind: "close", resolution: "resolved" } },
      agent.id,
      now,
    );
    expect(outcome).toEqual({ changed: [a, b, c], unchanged: [d], failed: [] });
    const rows = await db.conversation.findMany({ orderBy: { mailboxHash: "asc" } });
    expect(rows.map((row) => [row.status, row.resolution, row.needsHuman])).toEqual([
      ["closed", "resolved", false],
      ["closed", "resolved", false],
      ["closed", "resolved", false],
      ["closed", "not_resolved", false],
    ]);
    expect(rows[3]!.closedAt).toEqual(new Date("2026-11-29T10:00:00Z"));
    const audited = await auditedActions("conversation.status_changed");
    expect(audited.map((entry) => entry.entityId).sort()).toEqual([a, b, c].sort());
    expect(audited.every((entry) => entry.actorUserId === agent.id)).toBe(true);
  });

  it("says which conversations did not change, and changes the others", async () => {
    const { agent, conversations } = await setup();
    const [a, b] = conversations.map((conversation) => conversation.id) as [string, string];
    await db.conversation.delete({ where: { id: b } });
    const outcome = await bulkUpdateConversations(
      { conversationIds: [a, b], action: { kind: "assign", assigneeId: agent.id } },
      agent.id,
      now,
    );
    expect(outcome).toEqual({
      changed: [a],
      unchanged: [],
      failed: [{ id: b, customerName: null, reason: { key: "conversationGone" } }],
    });
    expect((await db.conversation.findUniqueOrThrow({ where: { id: a } })).assigneeId).toBe(agent.id);
  });

  it("tags each conversation once and snoozes them until a time to come", async () => {
    const { agent, conversations } = await setup();
    const ids = conversations.map((conversation) => conversation.id);
    await bulkUpdateConversations({ conversationIds: [ids[0]!], action: { kind: "tag", name: "3ds" } }, agent.id, now);
    const tagged = await bulkUpdateConversations(
      { conversationIds: ids, action: { kind: "tag", name: "3ds" } },
      agent.id,
      now,
    );
    expect(tagged).toMatchObject({ changed: ids.slice(1), unchanged: [ids[0]] });
    expect(await db.conversationTag.count()).toBe(4);
    expect(await db.auditLog.count({ where: { action: "conversation.tagged" } })).toBe(4);

    const until = new Date("2026-12-01T08:00:00Z");
    await bulkUpdateConversations(
      { conversationIds: ids, action: { kind: "snooze", snoozedUntil: until } },
      agent.id,
      now,
    );
    expect(await db.conversation.count({ where: { status: "snoozed", snoozedUntil: until } })).toBe(4);
  });

  it("refuses the whole action before changing anything when it cannot apply to any (a past time, a deactivated teammate)", async () => {
    const { agent, conversations } = await setup();
    const ids = conversations.map((conversation) => conversation.id);
    await expect(
      bulkUpdateConversations(
        { conversationIds: ids, action: { kind: "snooze", snoozedUntil: new Date("2026-11-30T09:00:00Z") } },
        agent.id,
        now,
      ),
    ).rejects.toMatchObject({ code: "bad_request" });
    const gone = await createUser({ email: "marc@shop.test", name: "Marc", role: "agent", password: "agent-password" });
    await db.user.update({ where: { id: gone.id }, data: { deactivatedAt: now } });
    await expect(
      bulkUpdateConversations({ conversationIds: ids, action: { kind: "assign", assigneeId: gone.id } }, agent.id, now),
    ).rejects.toMatchObject({ code: "bad_request" });
    expect(await db.conversation.count({ where: { status: "open", assigneeId: null } })).toBe(4);
    expect(await db.auditLog.count({ where: { entityType: "conversation" } })).toBe(0);
  });

  it("goes through the action: signed in, validated, the failures in the user's language", async () => {
    const { agent, conversations } = await setup();
    const [a, b] = conversations.map((conversation) => conversation.id) as [string, string];
    expect(await bulkUpdateAction({ conversationIds: [a], action: { kind: "reopen" } })).toMatchObject({
      ok: false,
      code: "unauthenticated",
    });
    session.user = { id: agent.id, name: agent.name, email: agent.email, role: "agent" };
    expect(await bulkUpdateAction({ conversationIds: [], action: { kind: "reopen" } })).toMatchObject({
      ok: false,
      code: "invalid_input",
    });
    await db.conversation.delete({ where: { id: b } });
    const result = await bulkUpdateAction({
      conversationIds: [a, b],
      action: { kind: "close", resolution: "not_resolved" },
    });
    expect(result).toMatchObject({
      ok: true,
      data: { changed: [a], failed: [{ id: b, reason: "Cette conversation n'existe plus." }] },
    });
  });
});
