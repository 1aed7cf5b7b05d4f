import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type DbClient } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { INBOX_VIEWS, type InboxView } from "@/lib/inbox/inbox-views";

const OPEN = Prisma.sql`c.status IN ('open', 'pending')`;

/** Which conversations each view holds. Each matches one of the Conversation indexes. */
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

// Needs-human: most urgent first, then who has waited longest. Other views: latest activity first.
type Cursor = { kind: "urgency"; priority: number; waitingSince: string | null; id: string } | { kind: "activity"; lastMessageAt: string; id: string };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(value: string | null | undefined, view: InboxView): Cursor | null {
  if (!value) return null;
  try {
    const cursor = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Cursor;
    if ((view === "needs_human") !== (cursor.kind === "urgency")) throw new Error("cursor of another view");
    return cursor;
  } catch {
    throw AppError.because("bad_request", "pageLinkGone");
  }
}

// Enum order in PostgreSQL is declaration order: low < normal < high < urgent.
const PRIORITY_RANK = Prisma.sql`(CASE c.priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END)`;
const FAR_FUTURE = "9999-12-31T00:00:00.000Z";

type IdRow = { id: string; rank: number; waitingSince: Date | null; lastMessageAt: Date };

async function pageIds(view: InboxView, userId: string, cursor: Cursor | null, limit: number, client: DbClient): Promise<IdRow[]> {
  const where = viewFilter(view, userId);
  if (view === "needs_human") {
    const after =
      cursor?.kind === "urgency"
        ? Prisma.sql`AND (${PRIORITY_RANK} < ${cursor.priority} OR (${PRIORITY_RANK} = ${cursor.priority} AND (COALESCE(c."waitingSince", ${FAR_FUTURE}::timestamp), c.id) > (${cursor.waitingSince ?? FAR_FUTURE}::timestamp, ${cursor.id})))`
        : Prisma.empty;
    return client.$queryRaw<IdRow[]>`
      SELECT c.id, ${PRIORITY_RANK}::int AS rank, c."waitingSince", c."lastMessageAt"
        FROM "Conversation" c
       WHERE ${where} ${after}
       ORDER BY ${PRIORITY_RANK} DESC, COALESCE(c."waitingSince", ${FAR_FUTURE}::timestamp) ASC, c.id ASC
       LIMIT ${limit}`;
  }
  const after = cursor?.kind === "activity" ? Prisma.sql`AND (c."lastMessageAt", c.id) < (${cursor.lastMessageAt}::timestamp, ${cursor.id})` : Prisma.empty;
  return client.$queryRaw<IdRow[]>`
    SELECT c.id, 0 AS rank, c."waitingSince", c."lastMessageAt"
      FROM "Conversation" c
     WHERE ${where} ${after}
     ORDER BY c."lastMessageAt" DESC, c.id DESC
     LIMIT ${limit}`;
}

export type InboxRow = Awaited<ReturnType<typeof listConversations>>["rows"][number];

/** One page of a view, with what each row shows, and the cursor of the next page. */
export async function listConversations(options: { view: InboxView; userId: string; cursor?: string | null; limit?: number }, client: DbClient = db) {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 100);
  const ids = await pageIds(options.view, options.userId, decodeCursor(options.cursor, options.view), limit + 1, client);
  const page = ids.slice(0, limit);
  const details = await client.conversation.findMany({
    where: { id: { in: page.map((row) => row.id) } },
    select: {
      id: true,
      subject: true,
      status: true,
      priority: true,
      needsHuman: true,
      sentiment: true,
      intent: true,
      waitingSince: true,
      lastMessageAt: true,
      snoozedUntil: true,
      customer: { select: { id: true, firstName: true, lastName: true, email: true, phone: true } },
      assignee: { select: { id: true, name: true } },
      tags: { select: { tag: { select: { name: true } } } },
      messages: { where: { isInternalNote: false }, orderBy: { createdAt: "desc" }, take: 1, select: { textBody: true, strippedText: true, channel: true, direction: true } },
    },
  });
  const channels = await client.message.groupBy({ by: ["conversationId", "channel"], where: { conversationId: { in: page.map((row) => row.id) } } });
  const byId = new Map(details.map((d) => [d.id, d]));
  const rows = page.map((row) => {
    const d = byId.get(row.id)!;
    const last = d.messages[0];
    return {
      id: d.id,
      customerName: [d.customer.firstName, d.customer.lastName].filter(Boolean).join(" ") || d.customer.email || d.customer.phone || "Unknown customer",
      channels: channels.filter((c) => c.conversationId === d.id).map((c) => c.channel).sort(),
      snippet: (last?.strippedText ?? last?.textBody ?? "").replace(/\s+/g, " ").slice(0, 140),
      lastDirection: last?.direction ?? null,
      subject: d.subject,
      status: d.status,
      priority: d.priority,
      needsHuman: d.needsHuman,
      sentiment: d.sentiment,
      intent: d.intent,
      assignee: d.assignee,
      tags: d.tags.map((t) => t.tag.name).sort(),
      waitingSince: d.waitingSince,
      lastMessageAt: d.lastMessageAt,
      snoozedUntil: d.snoozedUntil,
    };
  });
  const last = page.at(-1);
  const nextCursor =
    ids.length > limit && last
      ? encodeCursor(options.view === "needs_human" ? { kind: "urgency", priority: last.rank, waitingSince: last.waitingSince?.toISOString() ?? null, id: last.id } : { kind: "activity", lastMessageAt: last.lastMessageAt.toISOString(), id: last.id })
      : null;
  return { rows, nextCursor };
}

/** How many conversations each view holds, in one pass. */
export async function countViews(userId: string, client: DbClient = db): Promise<Record<InboxView, number>> {
  const [row] = await client.$queryRaw<Record<InboxView, bigint>[]>`
    SELECT
      count(*) FILTER (WHERE ${viewFilter("needs_human", userId)}) AS needs_human,
      count(*) FILTER (WHERE ${viewFilter("mine", userId)}) AS mine,
      count(*) FILTER (WHERE ${viewFilter("unassigned", userId)}) AS unassigned,
      count(*) FILTER (WHERE ${viewFilter("all_open", userId)}) AS all_open,
      count(*) FILTER (WHERE ${viewFilter("snoozed", userId)}) AS snoozed,
      count(*) FILTER (WHERE ${viewFilter("closed", userId)}) AS closed
    FROM "Conversation" c`;
  return Object.fromEntries(INBOX_VIEWS.map((view) => [view, Number(row?.[view] ?? 0)])) as Record<InboxView, number>;
}
