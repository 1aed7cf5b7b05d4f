import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { listFrictionCategories } from "@/lib/friction/friction-categories";
import { previousPeriod, type ReportFilters } from "@/lib/reports/report-filters";

// What keeps going wrong, by category. An occurrence is one conversation in one category, dated by
// its earliest sign in the range: a team member's mark ("Mark as site-wide friction") or a reply
// the classifier hinted at (Message.frictionHint, matched to the category with the same key).
// The channel filter keeps the signs seen on that channel: hints on its messages, marks on
// conversations held on it (Conversation.channels). The flow filter applies to the outcomes only.

const DAY_MS = 24 * 3600_000;
/** Checkouts an affected customer left unfinished in the 7 days before the friction count as hit by it. */
const CHECKOUT_WINDOW_MS = 7 * DAY_MS;
/** The before/after comparison uses equal windows around the fix, at most this long. */
const FIX_WINDOW_MAX_DAYS = 28;

function occurrencesSql(from: Date, to: Date, channel: ReportFilters["channel"] = "all"): Prisma.Sql {
  const onMessage = channel === "all" ? Prisma.empty : Prisma.sql`AND m.channel = ${channel}::"Channel"`;
  const onConversation =
    channel === "all"
      ? Prisma.empty
      : Prisma.sql`AND EXISTS (SELECT 1 FROM "Conversation" mc WHERE mc.id = fm."conversationId" AND ${channel}::"Channel" = ANY(mc.channels))`;
  return Prisma.sql`
    SELECT category_id, conversation_id, MIN(at) AS at, bool_or(marked) AS marked, bool_or(NOT marked) AS hinted
      FROM (
        SELECT fc.id AS category_id, m."conversationId" AS conversation_id, m."createdAt" AS at, false AS marked
          FROM "Message" m JOIN "FrictionCategory" fc ON fc.key = m."frictionHint"::text
         WHERE m.direction = 'inbound' AND m."frictionHint" IS NOT NULL AND m."createdAt" >= ${from} AND m."createdAt" < ${to} ${onMessage}
        UNION ALL
        SELECT fm."categoryId", fm."conversationId", fm."createdAt", true
          FROM "FrictionMark" fm
         WHERE fm."createdAt" >= ${from} AND fm."createdAt" < ${to} ${onConversation}
      ) signs
     GROUP BY category_id, conversation_id`;
}

type CategoryRow = {
  category_id: string;
  occurrences: number;
  marked: number;
  hinted: number;
  customers: number;
  first_seen: Date;
  last_seen: Date;
  checkouts: number;
  checkout_value: string | null;
};

export type FrictionCategoryReport = {
  id: string;
  key: string;
  name: string;
  occurrences: number;
  /** How many of them a person marked, and how many the classifier hinted (a conversation may be both). */
  marked: number;
  hinted: number;
  previousOccurrences: number;
  customers: number;
  checkouts: number;
  checkoutValue: number;
  firstSeen: Date | null;
  lastSeen: Date | null;
  weekly: { week: string; occurrences: number }[];
  examples: { conversationId: string; customerName: string; at: Date }[];
  latestFix: { fixedOn: Date; note: string; recordedBy: string | null; before: FixWindow; after: FixWindow } | null;
};

export type FixWindow = { days: number; occurrences: number; orders: number; per100Orders: number | null };

async function categoryTotals(
  from: Date,
  to: Date,
  channel: ReportFilters["channel"],
): Promise<Map<string, CategoryRow>> {
  const rows = await db.$queryRaw<CategoryRow[]>`
    WITH occ AS (${occurrencesSql(from, to, channel)}),
         located AS (SELECT occ.*, c."customerId" AS customer_id FROM occ JOIN "Conversation" c ON c.id = occ.conversation_id),
         hit_checkouts AS (
           SELECT DISTINCT l.category_id, k.id, k."totalPrice"
             FROM located l JOIN "Checkout" k ON k."customerId" = l.customer_id
            WHERE k."completedAt" IS NULL AND k."startedAt" <= l.at AND k."startedAt" > l.at - ${CHECKOUT_WINDOW_MS / 1000} * interval '1 second')
    SELECT l.category_id,
           count(*)::int AS occurrences,
           count(*) FILTER (WHERE l.marked)::int AS marked,
           count(*) FILTER (WHERE l.hinted)::int AS hinted,
           count(DISTINCT l.customer_id)::int AS customers,
           min(l.at) AS first_seen, max(l.at) AS last_seen,
           (SELECT count(*)::int FROM hit_checkouts h WHERE h.category_id = l.category_id) AS checkouts,
           (SELECT sum(h."totalPrice")::text FROM hit_checkouts h WHERE h.category_id = l.category_id) AS checkout_value
      FROM located l
     GROUP BY l.category_id`;
  return new Map(rows.map((row) => [row.category_id, row]));
}

async function weeklySeries(from: Date, to: Date, channel: ReportFilters["channel"]) {
  // Weeks start on Monday (UTC).
  return db.$queryRaw<{ category_id: string; week: Date; occurrences: number }[]>`
    WITH occ AS (${occurrencesSql(from, to, channel)})
    SELECT category_id, date_trunc('week', at) AS week, count(*)::int AS occurrences FROM occ GROUP BY 1, 2 ORDER BY 2`;
}

async function examples(from: Date, to: Date, channel: ReportFilters["channel"]) {
  return db.$queryRaw<
    {
      category_id: string;
      conversation_id: string;
      at: Date;
      first_name: string | null;
      last_name: string | null;
      email: string | null;
      phone: string | null;
    }[]
  >`
    WITH occ AS (${occurrencesSql(from, to, channel)}),
         ranked AS (SELECT occ.*, row_number() OVER (PARTITION BY category_id ORDER BY at DESC) AS n FROM occ)
    SELECT r.category_id, r.conversation_id, r.at, cu."firstName" AS first_name, cu."lastName" AS last_name, cu.email, cu.phone
      FROM ranked r JOIN "Conversation" c ON c.id = r.conversation_id JOIN "Customer" cu ON cu.id = c."customerId"
     WHERE r.n <= 5`;
}

async function countOccurrences(categoryId: string, from: Date, to: Date): Promise<number> {
  const [row] = await db.$queryRaw<
    { n: number }[]
  >`WITH occ AS (${occurrencesSql(from, to)}) SELECT count(*)::int AS n FROM occ WHERE category_id = ${categoryId}`;
  return row?.n ?? 0;
}

async function fixWindow(categoryId: string, from: Date, to: Date): Promise<FixWindow> {
  const [occurrences, orders] = await Promise.all([
    countOccurrences(categoryId, from, to),
    db.order.count({ where: { placedAt: { gte: from, lt: to } } }),
  ]);
  return {
    days: Math.round((to.getTime() - from.getTime()) / DAY_MS),
    occurrences,
    orders,
    per100Orders: orders === 0 ? null : (occurrences / orders) * 100,
  };
}

/** The rate per 100 orders in equal windows before and after the fix (as long as the fix is old, at most 28 days). */
export async function beforeAndAfterFix(categoryId: string, fixedOn: Date, now = new Date()) {
  const days = Math.min(FIX_WINDOW_MAX_DAYS, Math.floor((now.getTime() - fixedOn.getTime()) / DAY_MS));
  const span = Math.max(days, 0) * DAY_MS;
  const [before, after] = await Promise.all([
    fixWindow(categoryId, new Date(fixedOn.getTime() - span), fixedOn),
    fixWindow(categoryId, fixedOn, new Date(fixedOn.getTime() + span)),
  ]);
  return { before, after };
}

const display = (c: {
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
}) => [c.first_name, c.last_name].filter(Boolean).join(" ") || c.email || c.phone || "—";

/** Every category with friction in the range (and every category with a fix), most frequent first. */
export async function frictionReport(filters: ReportFilters, now = new Date()): Promise<FrictionCategoryReport[]> {
  const previous = previousPeriod(filters);
  const [categories, current, before, weekly, sample, fixes] = await Promise.all([
    listFrictionCategories(),
    categoryTotals(filters.from, filters.to, filters.channel),
    categoryTotals(previous.from, previous.to, filters.channel),
    weeklySeries(filters.from, filters.to, filters.channel),
    examples(filters.from, filters.to, filters.channel),
    db.frictionFix.findMany({ orderBy: { fixedOn: "desc" }, include: { recordedBy: { select: { name: true } } } }),
  ]);
  const reports: FrictionCategoryReport[] = [];
  for (const category of categories) {
    const row = current.get(category.id);
    const fix = fixes.find((f) => f.categoryId === category.id);
    if (!row && !fix && !before.get(category.id)) continue;
    reports.push({
      id: category.id,
      key: category.key,
      name: category.name,
      occurrences: row?.occurrences ?? 0,
      marked: row?.marked ?? 0,
      hinted: row?.hinted ?? 0,
      previousOccurrences: before.get(category.id)?.occurrences ?? 0,
      customers: row?.customers ?? 0,
      checkouts: row?.checkouts ?? 0,
      checkoutValue: Number(row?.checkout_value ?? 0),
      firstSeen: row?.first_seen ?? null,
      lastSeen: row?.last_seen ?? null,
      weekly: weekly
        .filter((w) => w.category_id === category.id)
        .map((w) => ({ week: w.week.toISOString().slice(0, 10), occurrences: w.occurrences })),
      examples: sample
        .filter((s) => s.category_id === category.id)
        .sort((a, b) => b.at.getTime() - a.at.getTime())
        .map((s) => ({ conversationId: s.conversation_id, customerName: display(s), at: s.at })),
      latestFix: fix
        ? {
            fixedOn: fix.fixedOn,
            note: fix.note,
            recordedBy: fix.recordedBy?.name ?? null,
            ...(await beforeAndAfterFix(category.id, fix.fixedOn, now)),
          }
        : null,
    });
  }
  return reports.sort((a, b) => b.occurrences - a.occurrences || a.name.localeCompare(b.name));
}

/** The customers who hit a friction (all time up to the fix, or now), to tell them it is fixed. */
export async function customersWhoHit(categoryId: string, until: Date) {
  const rows = await db.$queryRaw<
    {
      conversation_id: string;
      at: Date;
      customer_id: string;
      first_name: string | null;
      last_name: string | null;
      email: string | null;
      phone: string | null;
    }[]
  >`
    WITH occ AS (${occurrencesSql(new Date(0), until)})
    SELECT DISTINCT ON (c."customerId") c."customerId" AS customer_id, occ.conversation_id, occ.at, cu."firstName" AS first_name, cu."lastName" AS last_name, cu.email, cu.phone
      FROM occ JOIN "Conversation" c ON c.id = occ.conversation_id JOIN "Customer" cu ON cu.id = c."customerId"
     WHERE occ.category_id = ${categoryId}
     ORDER BY c."customerId", occ.at DESC`;
  return rows
    .map((r) => ({
      customerId: r.customer_id,
      conversationId: r.conversation_id,
      at: r.at,
      name: display(r),
      email: r.email,
      phone: r.phone,
    }))
    .sort((a, b) => b.at.getTime() - a.at.getTime());
}
