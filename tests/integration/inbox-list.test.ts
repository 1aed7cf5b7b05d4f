import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import type { InboxView } from "@/lib/inbox/inbox-views";
import fc from "fast-check";
import {
  adjacentConversations,
  countViews,
  foldConversationCounts,
  listConversations,
} from "@/lib/inbox/list-conversations";
import { createUser } from "@/lib/users/create-user";
import { makeCustomer } from "../support/factories";

beforeEach(truncateAllTables);

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 10, minutes));
let n = 0;
async function conversation(
  data: Partial<{
    status: "open" | "pending" | "snoozed" | "closed";
    needsHuman: boolean;
    priority: "low" | "normal" | "high" | "urgent";
    waitingSince: Date | null;
    lastMessageAt: Date;
    assigneeId: string | null;
  }>,
  text = "Hello",
) {
  const customer = await makeCustomer({ firstName: `C${++n}` });
  const c = await db.conversation.create({
    data: { customerId: customer.id, mailboxHash: `h${n}`, lastMessageAt: at(0), ...data },
  });
  await db.message.create({
    data: {
      conversationId: c.id,
      direction: "inbound",
      channel: "email",
      authorType: "customer",
      textBody: text,
      deliveryStatus: "received",
    },
  });
  return c;
}

async function everyPage(view: InboxView, userId: string, limit: number) {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof listConversations>> = await listConversations({
      view,
      userId,
      cursor,
      limit,
    });
    ids.push(...page.rows.map((r) => r.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe("inbox views", () => {
  it("sorts needs-human by priority, then by who has waited longest, across pages", async () => {
    const user = await createUser({ email: "a@shop.test", role: "agent", password: "agent-password" });
    const normalOld = await conversation({ needsHuman: true, priority: "normal", waitingSince: at(1) });
    const urgent = await conversation({ needsHuman: true, priority: "urgent", waitingSince: at(30) });
    const highNew = await conversation({ needsHuman: true, priority: "high", waitingSince: at(20) });
    const highOld = await conversation({ needsHuman: true, priority: "high", waitingSince: at(5) });
    const normalNull = await conversation({ needsHuman: true, priority: "normal", waitingSince: null });
    await conversation({ needsHuman: true, status: "closed" });
    await conversation({ needsHuman: false });
    const expected = [urgent.id, highOld.id, highNew.id, normalOld.id, normalNull.id];
    for (const limit of [1, 2, 10]) expect(await everyPage("needs_human", user.id, limit)).toEqual(expected);
  });

  it("sorts the other views by last activity and splits them by status and assignee", async () => {
    const me = await createUser({ email: "me@shop.test", role: "agent", password: "agent-password" });
    const other = await createUser({ email: "other@shop.test", role: "agent", password: "agent-password" });
    const mineOpen = await conversation({ assigneeId: me.id, lastMessageAt: at(10) });
    const mineSnoozed = await conversation({ assigneeId: me.id, status: "snoozed", lastMessageAt: at(20) });
    const theirs = await conversation({ assigneeId: other.id, status: "pending", lastMessageAt: at(30) });
    const unassigned = await conversation({ lastMessageAt: at(40) });
    const sameTime = await conversation({ lastMessageAt: at(40) });
    const closed = await conversation({ status: "closed", lastMessageAt: at(50) });

    const byActivity = [unassigned, sameTime].sort((a, b) => (a.id < b.id ? 1 : -1)).map((c) => c.id);
    expect(await everyPage("all_open", me.id, 2)).toEqual([...byActivity, theirs.id, mineOpen.id]);
    expect(await everyPage("mine", me.id, 1)).toEqual([mineSnoozed.id, mineOpen.id]);
    expect(await everyPage("unassigned", me.id, 1)).toEqual(byActivity);
    expect(await everyPage("snoozed", me.id, 5)).toEqual([mineSnoozed.id]);
    expect(await everyPage("closed", me.id, 5)).toEqual([closed.id]);
    expect(await countViews(me.id)).toEqual({
      needs_human: 0,
      mine: 2,
      unassigned: 2,
      all_open: 4,
      snoozed: 1,
      closed: 1,
    });
  });

  it("shows what a row needs, and refuses a cursor from another view", async () => {
    const me = await createUser({ email: "me@shop.test", role: "agent", password: "agent-password" });
    const c = await conversation(
      { assigneeId: me.id, needsHuman: true, waitingSince: at(3) },
      "Bonjour,\n\nma   lampe est cassée",
    );
    await db.message.create({
      data: {
        conversationId: c.id,
        direction: "outbound",
        channel: "sms",
        authorType: "staff",
        textBody: "internal",
        isInternalNote: true,
        deliveryStatus: "sent",
      },
    });
    const tag = await db.tag.create({ data: { name: "casse" } });
    await db.conversationTag.create({ data: { conversationId: c.id, tagId: tag.id } });
    const { rows } = await listConversations({ view: "needs_human", userId: me.id });
    expect(rows[0]).toMatchObject({
      customerName: expect.stringMatching(/^C\d+$/),
      // A note is neither the snippet nor a channel the customer was reached on.
      channels: ["email"],
      snippet: "Bonjour, ma lampe est cassée",
      assignee: { name: "me" },
      tags: ["casse"],
      waitingSince: at(3),
    });
    const page = await listConversations({ view: "all_open", userId: me.id, limit: 1 });
    await expect(
      listConversations({
        view: "needs_human",
        userId: me.id,
        cursor:
          page.nextCursor ??
          Buffer.from(JSON.stringify({ kind: "activity", lastMessageAt: at(0).toISOString(), id: "x" })).toString(
            "base64url",
          ),
      }),
    ).rejects.toMatchObject({ code: "bad_request" });
    await expect(listConversations({ view: "all_open", userId: me.id, cursor: "garbage" })).rejects.toMatchObject({
      code: "bad_request",
    });
  });

  it("shows a 12 MB mail by its stored 140-character snippet, kept in step with the stripped reply", async () => {
    const me = await createUser({ email: "me@shop.test", role: "agent", password: "agent-password" });
    const huge = `Voici\n\tle   suivi : ${"1Z999AA1".repeat(1_500_000)}`;
    const c = await conversation({ needsHuman: true }, huge);
    const [message] = await db.message.findMany({
      where: { conversationId: c.id },
      select: { id: true, snippet: true },
    });
    expect(message!.snippet).toBe(`Voici le suivi : ${"1Z999AA1".repeat(16)}`.slice(0, 140));
    expect((await listConversations({ view: "needs_human", userId: me.id })).rows[0]!.snippet).toBe(message!.snippet);
    await db.message.update({ where: { id: message!.id }, data: { strippedText: "Merci, c'est réglé" } });
    expect((await listConversations({ view: "needs_human", userId: me.id })).rows[0]!.snippet).toBe(
      "Merci, c'est réglé",
    );
  });

  it("finds the previous and next conversation of a view, even for one that just left it", async () => {
    const user = await createUser({ email: "a@shop.test", role: "agent", password: "agent-password" });
    const urgent = await conversation({ needsHuman: true, priority: "urgent", waitingSince: at(30) });
    const highOld = await conversation({ needsHuman: true, priority: "high", waitingSince: at(5) });
    const highNew = await conversation({ needsHuman: true, priority: "high", waitingSince: at(20) });
    const around = (view: InboxView, conversationId: string) =>
      adjacentConversations({ view, userId: user.id, conversationId });
    expect(await around("needs_human", highOld.id)).toEqual({ previousId: urgent.id, nextId: highNew.id });
    expect(await around("needs_human", urgent.id)).toEqual({ previousId: null, nextId: highOld.id });
    // Closed: no longer in the view, its neighbours are still the ones around its place.
    await db.conversation.update({ where: { id: highOld.id }, data: { status: "closed", needsHuman: false } });
    expect(await around("needs_human", highOld.id)).toEqual({ previousId: urgent.id, nextId: highNew.id });
    expect(await around("needs_human", highNew.id)).toEqual({ previousId: urgent.id, nextId: null });

    const older = await conversation({ lastMessageAt: at(-60) });
    const newer = await conversation({ lastMessageAt: at(50) });
    // All open, latest activity first: newer, then urgent and highNew (same time, by id), then older.
    const [first, second] = [urgent.id, highNew.id].sort().reverse();
    expect(await around("all_open", newer.id)).toEqual({ previousId: null, nextId: first });
    expect(await around("all_open", first!)).toEqual({ previousId: newer.id, nextId: second });
    expect(await around("all_open", older.id)).toEqual({ previousId: second, nextId: null });
    expect(await around("all_open", "missing")).toEqual({ previousId: null, nextId: null });
  });

  it("keeps every view's count in step with the conversations through creations, moves, deletions and folds", async () => {
    const me = await createUser({ email: "me@shop.test", role: "agent", password: "agent-password" });
    const other = await createUser({ email: "other@shop.test", role: "agent", password: "agent-password" });
    const statuses = ["open", "pending", "snoozed", "closed"] as const;
    // What each view holds, read from the conversations themselves.
    const liveCounts = async () => {
      const count = (where: object) => db.conversation.count({ where });
      const open = { status: { in: ["open", "pending"] as ("open" | "pending")[] } };
      return {
        needs_human: await count({ needsHuman: true, ...open }),
        mine: await count({ assigneeId: me.id, status: { not: "closed" as const } }),
        unassigned: await count({ assigneeId: null, ...open }),
        all_open: await count(open),
        snoozed: await count({ status: "snoozed" }),
        closed: await count({ status: "closed" }),
      };
    };
    const step = fc.record({
      kind: fc.constantFrom("create", "move", "delete", "fold", "touch", "unassign user"),
      status: fc.constantFrom(...statuses),
      needsHuman: fc.boolean(),
      assignee: fc.constantFrom(null, "me", "other"),
      pick: fc.nat(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 25 }), async (steps) => {
        await db.conversation.deleteMany();
        await foldConversationCounts();
        for (const s of steps) {
          const assigneeId = s.assignee === "me" ? me.id : s.assignee === "other" ? other.id : null;
          const existing = await db.conversation.findMany({ select: { id: true }, orderBy: { id: "asc" } });
          const target = existing.length ? existing[s.pick % existing.length]!.id : null;
          if (s.kind === "create" || !target)
            await conversation({ status: s.status, needsHuman: s.needsHuman, assigneeId });
          else if (s.kind === "move")
            await db.conversation.update({
              where: { id: target },
              data: { status: s.status, needsHuman: s.needsHuman, assigneeId },
            });
          else if (s.kind === "delete") await db.conversation.delete({ where: { id: target } });
          else if (s.kind === "touch")
            await db.conversation.update({
              where: { id: target },
              data: { lastMessageAt: at(s.pick % 60), subject: "Re" },
            });
          else if (s.kind === "unassign user")
            await db.conversation.updateMany({ where: { assigneeId: other.id }, data: { assigneeId: null } });
          else await foldConversationCounts();
        }
        expect(await countViews(me.id)).toEqual(await liveCounts());
        await Promise.all([foldConversationCounts(), foldConversationCounts()]);
        expect(await countViews(me.id)).toEqual(await liveCounts());
        // Folded: at most one row per group.
        const groups = await db.$queryRaw<
          { rows: bigint; groups: bigint }[]
        >`SELECT count(*) AS rows, count(DISTINCT (status, "needsHuman", "assigneeId")) AS groups FROM "ConversationCountDelta"`;
        expect(groups[0]!.rows).toBe(groups[0]!.groups);
      }),
      { numRuns: 15, seed: 20261130 },
    );
    // A customer erased takes their conversations out of the counts (a cascade is a delete too).
    const gone = await conversation({ status: "open", assigneeId: me.id });
    await db.customer.delete({ where: { id: gone.customerId } });
    expect(await countViews(me.id)).toEqual(await liveCounts());
    await truncateAllTables();
    expect(await db.conversationCountDelta.count()).toBe(0);
  });

  it("keeps the channels a thread has used on the conversation, whoever writes the message", async () => {
    const me = await createUser({ email: "me@shop.test", role: "agent", password: "agent-password" });
    const c = await conversation({ assigneeId: me.id });
    const row = async () => (await listConversations({ view: "mine", userId: me.id })).rows[0];
    expect((await row())?.channels).toEqual(["email"]);
    await db.message.create({
      data: {
        conversationId: c.id,
        direction: "outbound",
        channel: "email",
        authorType: "staff",
        textBody: "Bonjour",
        deliveryStatus: "sent",
      },
    });
    expect((await row())?.channels).toEqual(["email"]);
    await db.message.createMany({
      data: [
        {
          conversationId: c.id,
          direction: "inbound",
          channel: "sms",
          authorType: "customer",
          textBody: "ok",
          deliveryStatus: "received",
        },
      ],
    });
    expect((await row())?.channels).toEqual(["email", "sms"]);
    expect((await db.conversation.findUniqueOrThrow({ where: { id: c.id } })).channels).toEqual(["email", "sms"]);
  });
});

describe("sorting and filtering the list", () => {
  async function shop() {
    const me = await createUser({ email: "me@shop.test", name: "Me", role: "agent", password: "agent-password" });
    const mate = await createUser({ email: "mate@shop.test", name: "Mate", role: "agent", password: "agent-password" });
    const casse = await db.tag.create({ data: { name: "casse" } });
    const make = async (
      name: string,
      data: {
        waitingSince: Date | null;
        lastMessageAt: Date;
        channels: ("email" | "sms")[];
        sentiment: "positive" | "neutral" | "negative";
        assigneeId: string | null;
        tagged?: boolean;
      },
    ) => {
      const customer = await makeCustomer({ firstName: name });
      const { tagged, ...fields } = data;
      const c = await db.conversation.create({
        data: { customerId: customer.id, mailboxHash: `m-${name}`, needsHuman: true, ...fields },
      });
      if (tagged) await db.conversationTag.create({ data: { conversationId: c.id, tagId: casse.id } });
      return c.id;
    };
    const ids = {
      A: await make("A", {
        waitingSince: at(5),
        lastMessageAt: at(6),
        channels: ["email"],
        sentiment: "negative",
        assigneeId: me.id,
        tagged: true,
      }),
      B: await make("B", {
        waitingSince: at(2),
        lastMessageAt: at(8),
        channels: ["sms"],
        sentiment: "positive",
        assigneeId: null,
      }),
      C: await make("C", {
        waitingSince: null,
        lastMessageAt: at(1),
        channels: ["email", "sms"],
        sentiment: "neutral",
        assigneeId: mate.id,
        tagged: true,
      }),
      D: await make("D", {
        waitingSince: at(9),
        lastMessageAt: at(9),
        channels: ["email"],
        sentiment: "negative",
        assigneeId: null,
      }),
    };
    const nameOf = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
    return { me, mate, ids, nameOf };
  }

  it("sorts oldest waiting first (else oldest activity) or newest first, page by page", async () => {
    const { me, nameOf } = await shop();
    const names = async (sort: "oldest_waiting" | "newest", limit: number) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof listConversations>> = await listConversations({
          view: "all_open",
          userId: me.id,
          sort,
          cursor,
          limit,
        });
        seen.push(...page.rows.map((row) => nameOf.get(row.id)!));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await names("oldest_waiting", 50)).toEqual(["C", "B", "A", "D"]);
    expect(await names("oldest_waiting", 1)).toEqual(["C", "B", "A", "D"]);
    expect(await names("newest", 1)).toEqual(["D", "B", "A", "C"]);
    // A page link of one order is refused by another.
    const first = await listConversations({ view: "all_open", userId: me.id, sort: "newest", limit: 1 });
    await expect(
      listConversations({ view: "all_open", userId: me.id, sort: "oldest_waiting", cursor: first.nextCursor }),
    ).rejects.toMatchObject({ code: "bad_request" });
  });

  it("filters by channel, sentiment, assignee and tag, alone or together", async () => {
    const { me, mate, nameOf } = await shop();
    const names = async (filters: Parameters<typeof listConversations>[0]["filters"]) =>
      (await listConversations({ view: "all_open", userId: me.id, sort: "oldest_waiting", filters })).rows.map((row) =>
        nameOf.get(row.id),
      );
    expect(await names({ channel: "sms" })).toEqual(["C", "B"]);
    expect(await names({ sentiment: "negative" })).toEqual(["A", "D"]);
    expect(await names({ assignee: "none" })).toEqual(["B", "D"]);
    expect(await names({ assignee: mate.id })).toEqual(["C"]);
    expect(await names({ tag: "casse" })).toEqual(["C", "A"]);
    expect(await names({ channel: "email", tag: "casse" })).toEqual(["C", "A"]);
    expect(await names({ channel: "email", sentiment: "negative", assignee: "none" })).toEqual(["D"]);
    expect(await names({ tag: "nothing-tagged" })).toEqual([]);
  });
});
