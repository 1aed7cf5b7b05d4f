import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type DbClient } from "@/lib/db";
import { z } from "zod";
import { AppError } from "@/lib/errors";

// Search across the inbox: messages by full text (English and French stems, and French stems
// of the text without accents), customers by name, email or phone fragment (trigram indexes).
//
// The message query names the same text search configurations as the stored "searchVector"
// column (migration 20261126211944_inbox_search), else the GIN index cannot serve it. Left to
// itself, "newest matches first" tempts the planner to walk the createdAt index hoping to meet
// 20 matches early, which for a rare term means reading the whole table. So the walk is bounded
// (the newest RECENT_WINDOW messages: enough for a common term), and otherwise the matches are
// collected through the GIN index in a MATERIALIZED CTE before being sorted by date.
// docs/ARCHITECTURE.md, "Search", has the figures at 1M messages (npm run bench).

export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 200;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 50;
const CUSTOMER_LIMIT = 8;

// ts_headline marks matches with two private-use characters, never HTML: the snippet stays
// plain text and the client renders the marked parts itself.
const MARK_START = "\uE000";
const MARK_END = "\uE001";
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=28, MinWords=10, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

export type SnippetPart = { text: string; match: boolean };

export type MessageHit = {
  messageId: string;
  conversationId: string;
  customerName: string | null;
  channel: "email" | "sms";
  direction: "inbound" | "outbound";
  authorType: "customer" | "staff" | "automation";
  isInternalNote: boolean;
  subject: string | null;
  createdAt: Date;
  /** Plain text around the matches (no markup). */
  snippet: string;
  /** The same text cut into matched and unmatched parts, for highlighting. */
  snippetParts: SnippetPart[];
};

export type CustomerHit = {
  customerId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  /** The customer's most recently active conversation, if any. */
  latestConversationId: string | null;
};

export type SearchResult = {
  query: string;
  messages: MessageHit[];
  /** Only on the first page. */
  customers: CustomerHit[];
  nextCursor: string | null;
};

/** The query as searched: trimmed, inner whitespace collapsed; a user-safe error otherwise. */
export function normalizeSearchQuery(raw: string | null | undefined): string {
  const query = (raw ?? "")
    .replace(/[\u0000-\u001f\u007f\uE000\uE001]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (query.length < SEARCH_MIN_LENGTH)
    throw AppError.because("bad_request", "searchTooShort", { min: SEARCH_MIN_LENGTH });
  if (query.length > SEARCH_MAX_LENGTH)
    throw AppError.because("bad_request", "searchTooLong", { max: SEARCH_MAX_LENGTH });
  return query;
}

type Cursor = { createdAt: string; id: string };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(value: string | null | undefined): Cursor | null {
  if (!value) return null;
  try {
    const cursor = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Partial<Cursor>;
    if (typeof cursor.id !== "string" || typeof cursor.createdAt !== "string") throw new Error("malformed");
    // Re-encoded, so PostgreSQL only ever reads an ISO timestamp (toISOString throws on an invalid date).
    return { id: cursor.id, createdAt: new Date(cursor.createdAt).toISOString() };
  } catch {
    throw AppError.because("bad_request", "searchPageGone");
  }
}

/** websearch syntax ("quoted phrase", or, -not) under each of the column's three configurations. */
function tsQuery(query: string): Prisma.Sql {
  return Prisma.sql`(websearch_to_tsquery('english'::regconfig, ${query}) || websearch_to_tsquery('french'::regconfig, ${query}) || websearch_to_tsquery('french_unaccent'::regconfig, ${query}))`;
}

/** Escapes LIKE wildcards so "50%" or "a_b" are matched literally. */
function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Digits to look for in E.164 numbers when the query looks like a phone number, else null. */
export function phoneDigits(query: string): string | null {
  if (!/^[+\d\s().\-/]+$/.test(query)) return null;
  let digits = query.replace(/\D/g, "");
  // "00 33 6…" (international prefix) and "06 12…" (national trunk 0) are not in E.164.
  if (!query.trim().startsWith("+")) digits = digits.replace(/^00/, "").replace(/^0/, "");
  return digits.length >= 3 ? digits : null;
}

export function splitSnippet(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  for (const piece of marked
    .replace(/\s+/g, " ")
    .trim()
    .split(/([\uE000\uE001])/)) {
    if (piece === MARK_START) match = true;
    else if (piece === MARK_END) match = false;
    else if (piece) {
      const last = parts.at(-1);
      if (last && last.match === match) last.text += piece;
      else parts.push({ text: piece, match });
    }
  }
  return parts;
}

function displayName(firstName: string | null, lastName: string | null): string | null {
  return [firstName, lastName].filter(Boolean).join(" ") || null;
}

type MessageRow = {
  messageId: string;
  conversationId: string;
  channel: MessageHit["channel"];
  direction: MessageHit["direction"];
  authorType: MessageHit["authorType"];
  isInternalNote: boolean;
  subject: string | null;
  createdAt: Date;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  headline: string;
};

/**
 * Three exact ways to find the newest matches (exported for the benchmark's EXPLAIN):
 * - "recent": test only the RECENT_WINDOW newest messages, walking the createdAt index a bounded
 *   distance (it stops as soon as a page is full). When that window holds a full page of
 *   matches, they are the newest overall.
 * - "wide": the same walk, up to WIDE_WINDOW messages, for a term the planner's statistics say
 *   is common (isCommonTerm): it meets a page of matches within a few thousand messages, while
 *   the GIN index would hand over every one of its hundreds of thousands of matches (seconds).
 * - "all": every match through the GIN index, fenced in a MATERIALIZED CTE, then sorted by date.
 *   The fence keeps the planner from walking the date index unbounded for a rare term.
 */
export type MessageStrategy = "recent" | "wide" | "all";
export const RECENT_WINDOW = 2_000;
export const WIDE_WINDOW = 50_000;
/** A term in at least this share of messages is common: walking the newest ones finds it soon. */
const COMMON_SHARE = 0.02;

function matchedIdsSql(strategy: MessageStrategy, query: string, cursor: Cursor | null, limit: number): Prisma.Sql {
  const after = (alias: string) =>
    cursor
      ? Prisma.sql`WHERE (${Prisma.raw(alias)}."createdAt", ${Prisma.raw(alias)}.id) < (${cursor.createdAt}::timestamp, ${cursor.id})`
      : Prisma.empty;
  if (strategy !== "all") {
    return Prisma.sql`
      SELECT r.id, r."createdAt"
        FROM (SELECT m.id, m."createdAt", m."searchVector"
                FROM "Message" m
                ${after("m")}
               ORDER BY m."createdAt" DESC, m.id DESC
               LIMIT ${strategy === "recent" ? RECENT_WINDOW : WIDE_WINDOW}) r
       WHERE r."searchVector" @@ ${tsQuery(query)}
       ORDER BY r."createdAt" DESC, r.id DESC
       LIMIT ${limit}`;
  }
  return Prisma.sql`
    WITH matched AS MATERIALIZED (
      SELECT m.id, m."createdAt"
        FROM "Message" m
       WHERE m."searchVector" @@ ${tsQuery(query)}
    )
    SELECT matched.id, matched."createdAt"
      FROM matched
      ${after("matched")}
     ORDER BY matched."createdAt" DESC, matched.id DESC
     LIMIT ${limit}`;
}

/** One page of message hits with what a result shows; headlines only for the page's rows. */
export function messageSearchSql(
  strategy: MessageStrategy,
  query: string,
  cursor: Cursor | null,
  limit: number,
): Prisma.Sql {
  return Prisma.sql`
    WITH page AS (${matchedIdsSql(strategy, query, cursor, limit)})
    SELECT m.id AS "messageId", m."conversationId", m.channel::text AS channel, m.direction::text AS direction,
           m."authorType"::text AS "authorType", m."isInternalNote", m.subject, m."createdAt",
           cu."firstName", cu."lastName", cu.email, cu.phone,
           CASE WHEN strpos(h.french, ${MARK_START}) > 0 THEN h.french WHEN strpos(h.english, ${MARK_START}) > 0 THEN h.english ELSE h.unaccented END AS headline
      FROM page
      JOIN "Message" m ON m.id = page.id
      JOIN "Conversation" cv ON cv.id = m."conversationId"
      JOIN "Customer" cu ON cu.id = cv."customerId"
      CROSS JOIN LATERAL (
        SELECT ts_headline('french'::regconfig, coalesce(m."strippedText", m."textBody"), ${tsQuery(query)}, ${HEADLINE_OPTIONS}) AS french,
               ts_headline('english'::regconfig, coalesce(m."strippedText", m."textBody"), ${tsQuery(query)}, ${HEADLINE_OPTIONS}) AS english,
               ts_headline('french_unaccent'::regconfig, coalesce(m."strippedText", m."textBody"), ${tsQuery(query)}, ${HEADLINE_OPTIONS}) AS unaccented
      ) h
     ORDER BY page."createdAt" DESC, page.id DESC`;
}

/**
 * Whether the planner expects the term in at least COMMON_SHARE of the messages. Its statistics
 * on the searchVector lexemes know the frequent words; an unknown or rare word gets a small
 * default share. Planning only: nothing is read.
 */
async function isCommonTerm(query: string, tx: DbClient): Promise<boolean> {
  const [[plan], [table]] = await Promise.all([
    tx.$queryRaw<
      { "QUERY PLAN": unknown }[]
    >`EXPLAIN (FORMAT JSON) SELECT 1 FROM "Message" m WHERE m."searchVector" @@ ${tsQuery(query)}`,
    tx.$queryRaw<{ rows: number }[]>`SELECT reltuples::float8 AS rows FROM pg_class WHERE oid = '"Message"'::regclass`,
  ]);
  const parsed = z
    .array(z.object({ Plan: z.object({ "Plan Rows": z.number() }) }))
    .safeParse(typeof plan?.["QUERY PLAN"] === "string" ? JSON.parse(plan["QUERY PLAN"]) : plan?.["QUERY PLAN"]);
  const total = table?.rows ?? 0;
  return parsed.success && total > 0 && parsed.data[0]!.Plan["Plan Rows"] / total >= COMMON_SHARE;
}

async function findMessages(query: string, cursor: Cursor | null, limit: number, tx: DbClient): Promise<MessageRow[]> {
  const recent = await tx.$queryRaw<MessageRow[]>(messageSearchSql("recent", query, cursor, limit));
  if (recent.length === limit) return recent;
  if (await isCommonTerm(query, tx)) {
    const wide = await tx.$queryRaw<MessageRow[]>(messageSearchSql("wide", query, cursor, limit));
    if (wide.length === limit) return wide;
  }
  return tx.$queryRaw<MessageRow[]>(messageSearchSql("all", query, cursor, limit));
}

type CustomerRow = {
  customerId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  latestConversationId: string | null;
};

// The name expression must match the index "Customer_searchName_trgm_idx" exactly.
const SEARCH_NAME = Prisma.sql`reply_unaccent(lower(coalesce(c."firstName", '') || ' ' || coalesce(c."lastName", '')))`;

/** The customer query (exported for the benchmark's EXPLAIN): LIKE on trigram-indexed expressions. */
export function customerSearchSql(query: string): Prisma.Sql {
  const needle = likeEscape(query.toLowerCase());
  const digits = phoneDigits(query);
  const name = Prisma.sql`reply_unaccent(lower(${needle}))`;
  const phone = digits ? Prisma.sql`OR c.phone LIKE ${`%${digits}%`}` : Prisma.empty;
  return Prisma.sql`
    SELECT c.id AS "customerId", c."firstName", c."lastName", c.email, c.phone,
           (SELECT cv.id FROM "Conversation" cv WHERE cv."customerId" = c.id ORDER BY cv."lastMessageAt" DESC LIMIT 1) AS "latestConversationId"
      FROM "Customer" c
     WHERE ${SEARCH_NAME} LIKE '%' || ${name} || '%'
        OR c.email LIKE ${`%${needle}%`}
        ${phone}
     ORDER BY CASE WHEN ${SEARCH_NAME} LIKE ${name} || '%' OR c.email LIKE ${`${needle}%`} THEN 0
                   WHEN ${SEARCH_NAME} LIKE '% ' || ${name} || '%' THEN 1
                   ELSE 2 END,
              ${SEARCH_NAME}, c.email, c.id
     LIMIT ${CUSTOMER_LIMIT}`;
}

/** Messages newest first (internal notes included, and flagged), plus matching customers. */
export async function searchInbox(
  options: { query: string; limit?: number; cursor?: string | null },
  tx: DbClient = db,
): Promise<SearchResult> {
  const query = normalizeSearchQuery(options.query);
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);
  const cursor = decodeCursor(options.cursor);
  const [rows, customers] = await Promise.all([
    findMessages(query, cursor, limit + 1, tx),
    cursor ? Promise.resolve([]) : tx.$queryRaw<CustomerRow[]>(customerSearchSql(query)),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    query,
    messages: page.map((row) => {
      const snippetParts = splitSnippet(row.headline);
      return {
        messageId: row.messageId,
        conversationId: row.conversationId,
        customerName: displayName(row.firstName, row.lastName) ?? row.email ?? row.phone,
        channel: row.channel,
        direction: row.direction,
        authorType: row.authorType,
        isInternalNote: row.isInternalNote,
        subject: row.subject,
        createdAt: row.createdAt,
        snippet: snippetParts.map((p) => p.text).join(""),
        snippetParts,
      };
    }),
    customers: customers.map((c) => ({
      customerId: c.customerId,
      name: displayName(c.firstName, c.lastName),
      email: c.email,
      phone: c.phone,
      latestConversationId: c.latestConversationId,
    })),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.messageId })
        : null,
  };
}
