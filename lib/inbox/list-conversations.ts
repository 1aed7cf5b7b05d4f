import "server-only";
import { customerName } from "@/lib/customers/customer-name";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type DbClient } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Channel, ConversationStatus, Direction, Intent, Priority, Sentiment } from "@/lib/generated/prisma/enums";

import { defaultSort, INBOX_VIEWS, type InboxFilters, type InboxSort, type InboxView } from "@/lib/inbox/inbox-views";

// Open or pending ("isOpen" is a generated column, so each open view is one index range).
const OPEN = Prisma.sql`c."isOpen"`;

/**
 * Which conversations each view holds. Each matches one of the Conversation indexes, and reads
 * only columns that ConversationCountDelta has too, so the counts use the same filters.
 */
function viewFilter(view: InboxView, userId: string): Prisma.Sql {
  switch (view) {
    case "needs_human":
      return Prisma.sql`c."needsHuman" = true AND ${OPEN}`;
    case "mine":
      return Prisma.sql`c."assigneeId" = ${userId} AND c.status <> 'closed'`;
    case "unassigned":
      return Prisma.sql`c."assigneeId" IS NULL AND ${OPEN}`;
    case "all_open":
      return OPEN;
    case "snoozed":
      return Prisma.sql`c.status = 'snoozed'`;
    case "closed":
      return Prisma.sql`c.status = 'closed'`;
  }
}

type Cursor =
  | { kind: "urgency"; priority: number; waitingSince: string | null; id: string }
  | { kind: "newest"; lastMessageAt: string; id: string }
  | { kind: "oldest_waiting"; waitingOrActivity: string; id: string };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(value: string | null | undefined, sort: InboxSort): Cursor | null {
  if (!value) return null;
  try {
    const cursor = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Cursor;
    if (cursor.kind !== sort) throw new Error("cursor of another order");
    return cursor;
  } catch {
    throw AppError.because("bad_request", "pageLinkGone");
  }
}

// Enum order in PostgreSQL is declaration order (low < normal < high < urgent), so the view
// sorts on the column itself, as its index does. The cursor keeps the rank as a number.
const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
const PRIORITY_RANK = Prisma.sql`(CASE c.priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END)`;
const priorityAt = (rank: number) => PRIORITIES[Math.min(Math.max(Math.trunc(rank), 0), 3)];
// Nobody waiting sorts last: an ascending index puts NULLs last, and the cursor compares the same way.
const FAR_FUTURE = "9999-12-31T00:00:00.000Z";
const WAITING_KEY = Prisma.sql`COALESCE(c."waitingSince", ${FAR_FUTURE}::timestamp)`;
// Oldest waiting first: since when a customer waits, else (nobody waits) the last activity.
const WAITING_OR_ACTIVITY = Prisma.sql`COALESCE(c."waitingSince", c."lastMessageAt")`;

/** The list's filters, as conditions on the conversation (each one of its own columns, or its tags). */
function filterConditions(filters: InboxFilters): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (filters.channel) conditions.push(Prisma.sql`${filters.channel}::"Channel" = ANY(c.channels)`);
  if (filters.sentiment) conditions.push(Prisma.sql`c.sentiment = ${filters.sentiment}::"Sentiment"`);
  if (filters.assignee === "none") conditions.push(Prisma.sql`c."assigneeId" IS NULL`);
  else if (filters.assignee) conditions.push(Prisma.sql`c."assigneeId" = ${filters.assignee}`);
  if (filters.tag)
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "ConversationTag" ct JOIN "Tag" t ON t.id = ct."tagId" WHERE ct."conversationId" = c.id AND t.name = ${filters.tag})`,
    );
  return conditions.length ? Prisma.sql`AND ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

type IdRow = { id: string; rank: number; waitingSince: Date | null; lastMessageAt: Date };

async function pageIds(
  options: { view: InboxView; userId: string; sort: InboxSort; filters: InboxFilters },
  cursor: Cursor | null,
  limit: number,
  client: DbClient,
): Promise<IdRow[]> {
  const where = Prisma.sql`${viewFilter(options.view, options.userId)} ${filterConditions(options.filters)}`;
  const columns = Prisma.sql`c.id, ${PRIORITY_RANK}::int AS rank, c."waitingSince", c."lastMessageAt"`;
  switch (options.sort) {
    case "urgency": {
      const priority = cursor?.kind === "urgency" ? priorityAt(cursor.priority) : null;
      const after =
        cursor?.kind === "urgency"
          ? Prisma.sql`AND (c.priority < ${priority}::"Priority" OR (c.priority = ${priority}::"Priority" AND (${WAITING_KEY}, c.id) > (${cursor.waitingSince ?? FAR_FUTURE}::timestamp, ${cursor.id})))`
          : Prisma.empty;
      return client.$queryRaw<IdRow[]>`
        SELECT ${columns} FROM "Conversation" c
         WHERE ${where} ${after}
         ORDER BY c.priority DESC, c."waitingSince" ASC NULLS LAST, c.id ASC
         LIMIT ${limit}`;
    }
    case "oldest_waiting": {
      const after =
        cursor?.kind === "oldest_waiting"
          ? Prisma.sql`AND (${WAITING_OR_ACTIVITY}, c.id) > (${cursor.waitingOrActivity}::timestamp, ${cursor.id})`
          : Prisma.empty;
      return client.$queryRaw<IdRow[]>`
        SELECT ${columns} FROM "Conversation" c
         WHERE ${where} ${after}
         ORDER BY ${WAITING_OR_ACTIVITY} ASC, c.id ASC
         LIMIT ${limit}`;
    }
    case "newest": {
      const after =
        cursor?.kind === "newest"
          ? Prisma.sql`AND (c."lastMessageAt", c.id) < (${cursor.lastMessageAt}::timestamp, ${cursor.id})`
          : Prisma.empty;
      return client.$queryRaw<IdRow[]>`
        SELECT ${columns} FROM "Conversation" c
         WHERE ${where} ${after}
         ORDER BY c."lastMessageAt" DESC, c.id DESC
         LIMIT ${limit}`;
    }
  }
}

function cursorAfter(row: IdRow, sort: InboxSort): Cursor {
  switch (sort) {
    case "urgency":
      return { kind: "urgency", priority: row.rank, waitingSince: row.waitingSince?.toISOString() ?? null, id: row.id };
    case "oldest_waiting":
      return {
        kind: "oldest_waiting",
        waitingOrActivity: (row.waitingSince ?? row.lastMessageAt).toISOString(),
        id: row.id,
      };
    case "newest":
      return { kind: "newest", lastMessageAt: row.lastMessageAt.toISOString(), id: row.id };
  }
}

type DetailRow = {
  id: string;
  subject: string | null;
  status: ConversationStatus;
  priority: Priority;
  needsHuman: boolean;
  sentiment: Sentiment | null;
  intent: Intent | null;
  waitingSince: Date | null;
  lastMessageAt: Date;
  snoozedUntil: Date | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  tags: string[];
  channels: Channel[];
  snippet: string | null;
  lastDirection: Direction | null;
  unread: boolean;
};

/** The customer wrote since this teammate last had the conversation open (or they never did). */
const unreadFor = (userId: string) =>
  Prisma.sql`(c."lastInboundAt" IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM "ConversationRead" r WHERE r."conversationId" = c.id AND r."userId" = ${userId} AND r."readAt" >= c."lastInboundAt"))`;

/**
 * What each row of a page shows, in one set-based query whose cost is the page: the last
 * message's stored snippet (never its body), the channels kept on the conversation, its tags.
 */
function pageDetails(ids: string[], userId: string, client: DbClient): Promise<DetailRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return client.$queryRaw<DetailRow[]>`
    SELECT c.id, c.subject, c.status, c.priority, c."needsHuman", c.sentiment, c.intent, c."waitingSince", c."lastMessageAt", c."snoozedUntil",
           cu."firstName", cu."lastName", cu.email, cu.phone,
           u.id AS "assigneeId", u.name AS "assigneeName",
           COALESCE((SELECT array_agg(t.name ORDER BY t.name) FROM "ConversationTag" ct JOIN "Tag" t ON t.id = ct."tagId" WHERE ct."conversationId" = c.id), '{}') AS tags,
           COALESCE(c.channels::text[], '{}') AS channels,
           last.snippet, last.direction AS "lastDirection", ${unreadFor(userId)} AS unread
      FROM "Conversation" c
      JOIN "Customer" cu ON cu.id = c."customerId"
      LEFT JOIN "User" u ON u.id = c."assigneeId"
      LEFT JOIN LATERAL (
        SELECT m.snippet, m.direction FROM "Message" m
         WHERE m."conversationId" = c.id AND m."isInternalNote" = false
         ORDER BY m."createdAt" DESC LIMIT 1
      ) last ON true
     WHERE c.id IN (${Prisma.join(ids)})`;
}

export type InboxRow = Awaited<ReturnType<typeof listConversations>>["rows"][number];

/** One page of a view, sorted and filtered, with what each row shows, and the cursor of the next page. Two queries. */
export async function listConversations(
  options: {
    view: InboxView;
    userId: string;
    cursor?: string | null;
    limit?: number;
    sort?: InboxSort;
    filters?: InboxFilters;
  },
  client: DbClient = db,
) {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 100);
  const sort = options.sort ?? defaultSort(options.view);
  const ids = await pageIds(
    { view: options.view, userId: options.userId, sort, filters: options.filters ?? {} },
    decodeCursor(options.cursor, sort),
    limit + 1,
    client,
  );
  const page = ids.slice(0, limit);
  const byId = new Map(
    (
      await pageDetails(
        page.map((row) => row.id),
        options.userId,
        client,
      )
    ).map((d) => [d.id, d]),
  );
  const rows = page.flatMap((row) => {
    const d = byId.get(row.id);
    if (!d) return []; // deleted between the two queries
    return [
      {
        id: d.id,
        // Null when nothing names the customer: the list says so in the reader's language.
        customerName: customerName(d),
        channels: d.channels,
        snippet: d.snippet ?? "",
        lastDirection: d.lastDirection,
        subject: d.subject,
        status: d.status,
        priority: d.priority,
        needsHuman: d.needsHuman,
        sentiment: d.sentiment,
        intent: d.intent,
        assignee: d.assigneeId ? { id: d.assigneeId, name: d.assigneeName ?? "" } : null,
        tags: d.tags,
        waitingSince: d.waitingSince,
        lastMessageAt: d.lastMessageAt,
        snoozedUntil: d.snoozedUntil,
        unread: d.unread,
      },
    ];
  });
  const last = page.at(-1);
  const nextCursor = ids.length > limit && last ? encodeCursor(cursorAfter(last, sort)) : null;
  return { rows, nextCursor };
}

/**
 * How many conversations each view holds: the sums of the +1/-1 rows a trigger writes on every
 * change of a conversation's group (ConversationCountDelta), a table of a few rows per group once
 * folded, instead of a pass over every conversation.
 */
export async function countViews(userId: string, client: DbClient = db): Promise<Record<InboxView, number>> {
  const [row] = await client.$queryRaw<Record<InboxView, bigint | null>[]>`
    SELECT
      sum(c.delta) FILTER (WHERE ${viewFilter("needs_human", userId)}) AS needs_human,
      sum(c.delta) FILTER (WHERE ${viewFilter("mine", userId)}) AS mine,
      sum(c.delta) FILTER (WHERE ${viewFilter("unassigned", userId)}) AS unassigned,
      sum(c.delta) FILTER (WHERE ${viewFilter("all_open", userId)}) AS all_open,
      sum(c.delta) FILTER (WHERE ${viewFilter("snoozed", userId)}) AS snoozed,
      sum(c.delta) FILTER (WHERE ${viewFilter("closed", userId)}) AS closed
    FROM "ConversationCountDelta" c`;
  return Object.fromEntries(INBOX_VIEWS.map((view) => [view, Number(row?.[view] ?? 0)])) as Record<InboxView, number>;
}

/**
 * The views whose unread conversations are counted: the ones someone has to act on. Counting costs
 * a pass over the view (unread is per teammate), and the other open views can hold tens of
 * thousands of conversations; their rows still show what is unread.
 */
export const UNREAD_VIEWS = ["needs_human", "mine"] as const satisfies readonly InboxView[];
export type UnreadCounts = Record<(typeof UNREAD_VIEWS)[number], number>;

/** How many conversations of the views to act on the customer wrote in since this teammate last opened them. */
export async function countUnread(userId: string, client: DbClient = db): Promise<UnreadCounts> {
  // One subquery per view, so each reads its own index range.
  const [row] = await client.$queryRaw<Record<keyof UnreadCounts, bigint>[]>`
    SELECT
      (SELECT count(*) FROM "Conversation" c WHERE ${viewFilter("needs_human", userId)} AND ${unreadFor(userId)}) AS needs_human,
      (SELECT count(*) FROM "Conversation" c WHERE ${viewFilter("mine", userId)} AND ${unreadFor(userId)}) AS mine`;
  return { needs_human: Number(row?.needs_human ?? 0), mine: Number(row?.mine ?? 0) };
}

/**
 * Folds the count rows back to one per group, in one statement: rows written meanwhile are not
 * seen by its DELETE and stay, and a concurrent fold skips the rows this one deleted.
 * Returns the rows left. Run by the dispatcher.
 */
export async function foldConversationCounts(client: DbClient = db): Promise<number> {
  return client.$executeRaw`
    WITH folded AS (DELETE FROM "ConversationCountDelta" RETURNING status, "needsHuman", "assigneeId", delta)
    INSERT INTO "ConversationCountDelta" (status, "needsHuman", "assigneeId", delta)
    SELECT status, "needsHuman", "assigneeId", sum(delta) FROM folded GROUP BY 1, 2, 3 HAVING sum(delta) <> 0`;
}

/**
 * The conversations just before and after this one in a view's order, for j/k and for moving on
 * after closing. Found from this conversation's place in the order, so they exist even when it has
 * just left the view (answered, closed).
 */
export async function adjacentConversations(
  options: { view: InboxView; userId: string; conversationId: string },
  client: DbClient = db,
): Promise<{ previousId: string | null; nextId: string | null }> {
  const current = await client.conversation.findUnique({
    where: { id: options.conversationId },
    select: { id: true, priority: true, waitingSince: true, lastMessageAt: true },
  });
  if (!current) return { previousId: null, nextId: null };
  const where = Prisma.sql`${viewFilter(options.view, options.userId)} AND c.id <> ${current.id}`;
  let previous: { id: string }[];
  let next: { id: string }[];
  if (options.view === "needs_human") {
    const priority = current.priority;
    const waiting = current.waitingSince?.toISOString() ?? FAR_FUTURE;
    const key = Prisma.sql`(${WAITING_KEY}, c.id)`;
    [previous, next] = await Promise.all([
      client.$queryRaw<{ id: string }[]>`
        SELECT c.id FROM "Conversation" c
         WHERE ${where} AND (c.priority > ${priority}::"Priority" OR (c.priority = ${priority}::"Priority" AND ${key} < (${waiting}::timestamp, ${current.id})))
         ORDER BY c.priority ASC, c."waitingSince" DESC NULLS FIRST, c.id DESC
         LIMIT 1`,
      client.$queryRaw<{ id: string }[]>`
        SELECT c.id FROM "Conversation" c
         WHERE ${where} AND (c.priority < ${priority}::"Priority" OR (c.priority = ${priority}::"Priority" AND ${key} > (${waiting}::timestamp, ${current.id})))
         ORDER BY c.priority DESC, c."waitingSince" ASC NULLS LAST, c.id ASC
         LIMIT 1`,
    ]);
  } else {
    const at = current.lastMessageAt.toISOString();
    [previous, next] = await Promise.all([
      client.$queryRaw<{ id: string }[]>`
        SELECT c.id FROM "Conversation" c
         WHERE ${where} AND (c."lastMessageAt", c.id) > (${at}::timestamp, ${current.id})
         ORDER BY c."lastMessageAt" ASC, c.id ASC
         LIMIT 1`,
      client.$queryRaw<{ id: string }[]>`
        SELECT c.id FROM "Conversation" c
         WHERE ${where} AND (c."lastMessageAt", c.id) < (${at}::timestamp, ${current.id})
         ORDER BY c."lastMessageAt" DESC, c.id DESC
         LIMIT 1`,
    ]);
  }
  return { previousId: previous[0]?.id ?? null, nextId: next[0]?.id ?? null };
}
