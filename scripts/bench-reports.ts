// The outcome metrics at scale (issue #7): fills a throwaway database on the same PostgreSQL
// server with N conversations over the last year (3 messages each: the automated send, the
// customer's answer, a staff reply), one sent scheduled message per conversation spread over the
// flows and steps, half as many not sent (scheduled, cancelled, skipped, failed, paused), review
// and checkout links with clicks, abandoned checkouts with recovering orders, earlier orders,
// reviews, SMS consent and opt-outs, email unsubscribes. Then times outcomeMetrics over the last
// 28 days (and a few other filters), reads the plan of its main query, and times it again with the
// one index the report could use added (ScheduledMessage (status, sentAt): today the sends of the
// range are found by reading the whole table), so its gain can be weighed. First, a year of the
// report with the rollup of closed days (issue #15): cold (nothing stored: the report fills it),
// the fill alone (as the dispatcher does it), warm, and live (no rollup), checked to agree.
import { isDeepStrictEqual } from "node:util";
import pg from "pg";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { FactSources } from "@/lib/reports/outcome-facts";
import { outcomeByTemplateVersion, outcomeMetrics, outcomeMetricsSql } from "@/lib/reports/outcome-metrics";
import { fillOutcomeRollup, outcomeFactSources } from "@/lib/reports/outcome-rollup";
import type { ReportFilters } from "@/lib/reports/report-filters";
import { withThrowawayDatabase } from "./bench-database";
import { summarize, time } from "./bench-timing";

const DAY_MS = 24 * 3600_000;

/** An index the report could use; created only in the throwaway database, for the comparison. */
const CANDIDATE_INDEX = `CREATE INDEX "bench_ScheduledMessage_status_sentAt_idx" ON "ScheduledMessage" (status, "sentAt")`;

/** A year of automated sends and what followed, for the outcome report (ids start with r). */
export async function fillOutcomeData(
  client: pg.Client,
  conversations: number,
  log: (line: string) => void = console.log,
) {
  const customers = Math.max(100, Math.round(conversations * 0.7));
  const start = Date.now();
  const step = (label: string) => log(`  ${label.padEnd(56)} ${((Date.now() - start) / 1000).toFixed(1)} s`);
  const q = (sql: string, params: unknown[] = []) => client.query(sql, params);

  // Message's indexes (the GIN full-text one above all) are built once after the load.
  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'Message' AND indexname NOT LIKE '%_pkey'`,
  );
  for (const index of indexes) await q(`DROP INDEX "${index.indexname}"`);
  await q(`SET maintenance_work_mem = '512MB'`);
  await q(`SET synchronous_commit = off`);
  await q(`SELECT setseed(0.42)`);

  // One line per conversation: its customer, the time of its automated send over the last 365
  // days, which step it was (kind) and a few draws that decide what followed.
  await q(
    `CREATE TEMP TABLE plan AS
     SELECT i, 'rcu' || (1 + (i::bigint * 7919) % $2::int) AS customer_id,
            now() - interval '365 days' + (i::float8 / $1::int) * interval '365 days' AS t,
            i % 10 AS kind, random() AS r1, random() AS r2, random() AS r3, random() AS r4
       FROM generate_series(1, $1::int) i`,
    [conversations, customers],
  );
  await q(
    `INSERT INTO "Customer" (id, email, phone, "firstName", locale, "updatedAt")
     SELECT 'rcu' || i, 'c' || i || '@example.test', '+337' || lpad(i::text, 8, '0'), 'C' || i, 'fr', now()
       FROM generate_series(1, $1::int) i`,
    [customers],
  );
  await q(
    `INSERT INTO "PhoneNumber" (number, "customerId", "consentAt", "updatedAt")
     SELECT '+337' || lpad(i::text, 8, '0'), 'rcu' || i, now() - interval '400 days', now() FROM generate_series(1, $1::int) i`,
    [customers],
  );
  step(`${customers.toLocaleString("en")} customers`);
  await q(
    `INSERT INTO "Conversation" (id, "customerId", "mailboxHash", status, "lastMessageAt", "updatedAt")
     SELECT 'rcv' || i, customer_id, 'rh' || i, 'closed', t + interval '11 days', now() FROM plan`,
  );
  step(`${conversations.toLocaleString("en")} conversations`);
  // kind: 0-1 abandoned help email, 2-3 day1, 4-5 day5, 6 day14, 7-8 SMS review request, 9 auto review link.
  await q(`
    CREATE TEMP TABLE steps (kind int, flow "Flow", step text, channel "Channel");
    INSERT INTO steps VALUES (0, 'abandoned_checkout', 'help', 'email'), (1, 'abandoned_checkout', 'help', 'email'),
      (2, 'post_delivery', 'day1', 'email'), (3, 'post_delivery', 'day1', 'email'), (4, 'post_delivery', 'day5', 'email'),
      (5, 'post_delivery', 'day5', 'email'), (6, 'post_delivery', 'day14', 'email'), (7, 'sms_review_request', 'review', 'sms'),
      (8, 'sms_review_request', 'review', 'sms'), (9, 'auto_reply', 'review_link', 'email')`);
  await q(
    `INSERT INTO "Message" (id, "conversationId", direction, channel, "authorType", "textBody", "deliveryStatus", "sentAt", "smsSegments", "createdAt", sentiment, intent, "classifiedAt")
     SELECT 'rm' || p.i || 'a', 'rcv' || p.i, 'outbound'::"Direction", s.channel, 'automation'::"AuthorType", 'Bonjour, votre commande ?',
            (CASE WHEN p.r4 < 0.90 THEN 'delivered' WHEN p.r4 < 0.95 THEN 'sent' ELSE 'failed' END)::"DeliveryStatus",
            p.t, CASE WHEN s.channel = 'sms' THEN 1 + (p.i % 3 = 0)::int END, p.t, NULL::"Sentiment", NULL::"Intent", NULL::timestamp
       FROM plan p JOIN steps s USING (kind)
     UNION ALL
     SELECT 'rm' || p.i || 'b', 'rcv' || p.i, 'inbound', s.channel, 'customer', 'Merci, tout va bien', 'received', NULL, NULL, p.t + p.r1 * interval '10 days', 'positive', 'praise', p.t + p.r1 * interval '10 days'
       FROM plan p JOIN steps s USING (kind)
     UNION ALL
     SELECT 'rm' || p.i || 'c', 'rcv' || p.i, 'outbound', s.channel, 'staff', 'Avec plaisir', 'delivered', p.t + interval '11 days', NULL, p.t + interval '11 days', NULL, NULL, NULL
       FROM plan p JOIN steps s USING (kind)`,
  );
  step(`${(conversations * 3).toLocaleString("en")} messages`);
  await q(
    `INSERT INTO "Checkout" (id, "externalId", "customerId", currency, "totalPrice", "startedAt", "lastActivityAt", "abandonedAt", "updatedAt")
     SELECT 'rck' || i, 'rck' || i, customer_id, 'EUR', 20 + i % 200, t - interval '3 hours', t - interval '2 hours', t - interval '1 hour', now()
       FROM plan WHERE kind IN (0, 1)`,
  );
  await q(
    `INSERT INTO "ScheduledMessage" (id, flow, step, channel, "customerId", "checkoutId", "dueAt", status, attempts, "idempotencyKey", "sentMessageId", "sentAt", "updatedAt")
     SELECT 'rsm' || p.i, s.flow, s.step, s.channel, p.customer_id, CASE WHEN p.kind IN (0, 1) THEN 'rck' || p.i END, p.t, 'sent'::"ScheduledStatus", 1, 'rsm' || p.i, 'rm' || p.i || 'a', p.t, p.t
       FROM plan p JOIN steps s USING (kind)
     UNION ALL
     SELECT 'rsx' || p.i, s.flow, s.step, s.channel, p.customer_id, NULL, p.t,
            (ARRAY['scheduled', 'cancelled', 'skipped', 'failed', 'paused'])[1 + p.i / 2 % 5]::"ScheduledStatus", 0, 'rsx' || p.i, NULL, NULL, p.t
       FROM plan p JOIN steps s USING (kind) WHERE p.i % 2 = 0`,
  );
  step(`${Math.round(conversations * 1.5).toLocaleString("en")} scheduled messages, checkouts`);
  await q(
    `INSERT INTO "Order" (id, "externalId", number, "customerId", "checkoutId", currency, "totalPrice", "placedAt", "updatedAt")
     SELECT 'ror' || i, 'ror' || i, '#' || i, customer_id, 'rck' || i, 'EUR', 20 + i % 200, t + r2 * interval '10 days', now()
       FROM plan WHERE kind IN (0, 1) AND r3 < 0.15
     UNION ALL
     SELECT 'rod' || i, 'rod' || i, '#d' || i, customer_id, NULL, 'EUR', 35, t - interval '7 days', now()
       FROM plan WHERE kind BETWEEN 2 AND 8`,
  );
  await q(
    `INSERT INTO "TrackedLink" (id, token, kind, "targetUrl", "customerId", "messageId", "scheduledMessageId", "createdAt")
     SELECT 'rl' || i, 'rt' || i, CASE WHEN kind IN (0, 1) THEN 'checkout' ELSE 'review' END::"LinkKind", 'https://shop.example/avis', customer_id, 'rm' || i || 'a', 'rsm' || i, t
       FROM plan WHERE kind IN (0, 1, 4, 5, 6, 7, 8, 9)`,
  );
  await q(
    `INSERT INTO "LinkClick" (id, "linkId", "clickedAt")
     SELECT 'rlc' || i, 'rl' || i, t + r2 * interval '9 days' FROM plan WHERE kind IN (0, 1, 4, 5, 6, 7, 8, 9) AND r3 < 0.30
     UNION ALL
     SELECT 'rlb' || i, 'rl' || i, t + r1 * interval '9 days' FROM plan WHERE kind IN (4, 5, 6, 7, 8, 9) AND r3 < 0.10`,
  );
  step("orders, tracked links, clicks");
  await q(
    `INSERT INTO "ConsentEvent" (id, "customerId", channel, change, source, "occurredAt")
     SELECT 'rce' || i, 'rcu' || i, 'sms'::"ConsentChannel", 'granted'::"ConsentChange", 'shopify_checkout', now() - interval '400 days' FROM generate_series(1, $1::int) i
     UNION ALL
     SELECT 'rco' || i, customer_id, 'sms', 'revoked', 'sms_keyword', t + r2 * interval '8 days' FROM plan WHERE kind IN (7, 8) AND r4 < 0.04`,
    [customers],
  );
  await q(
    `INSERT INTO "Review" (id, "customerId", rating, "createdAt")
     SELECT 'rrv' || i, customer_id, 5, t + r1 * interval '9 days' FROM plan WHERE kind BETWEEN 4 AND 9 AND r2 < 0.10`,
  );
  await q(
    `UPDATE "Customer" c SET "emailUnsubscribedAt" = u.at
       FROM (SELECT DISTINCT ON (customer_id) customer_id, t + r2 * interval '9 days' AS at FROM plan WHERE kind NOT IN (7, 8) AND r1 < 0.02 ORDER BY customer_id, t) u
      WHERE c.id = u.customer_id`,
  );
  step("consent events, reviews, unsubscribes");
  for (const index of indexes) await q(index.indexdef);
  step(`${indexes.length} Message indexes rebuilt`);
  await q(`VACUUM ANALYZE`);
  step("VACUUM ANALYZE");
}

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  Plans?: PlanNode[];
};

function scans(node: PlanNode, found: string[] = []): string[] {
  if (node["Relation Name"]) {
    const loops = node["Actual Loops"] ?? 1;
    const rows = Math.round((node["Actual Rows"] ?? 0) * loops).toLocaleString("en");
    found.push(
      `${node["Node Type"]} ${node["Relation Name"]}${node["Index Name"] ? ` (${node["Index Name"]})` : ""} → ${loops > 1 ? `${loops.toLocaleString("en")} probes, ~` : ""}${rows} rows`,
    );
  }
  for (const child of node.Plans ?? []) scans(child, found);
  return found;
}

async function explain(prisma: PrismaClient, filters: ReportFilters, label: string) {
  // As outcomeMetrics runs it: stored facts for the filled closed days, the rest live, JIT off.
  const sources: FactSources = await outcomeFactSources(filters, { now: new Date(), useRollup: true }, prisma);
  const [row] = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL jit = off`;
    return tx.$queryRaw<
      { "QUERY PLAN": [{ Plan: PlanNode; "Execution Time": number }] }[]
    >`EXPLAIN (ANALYZE, FORMAT JSON) ${outcomeMetricsSql(filters, sources)}`;
  });
  const plan = row!["QUERY PLAN"][0];
  const days = (ranges: { from: Date; to: Date }[]) =>
    ranges.reduce((sum, r) => sum + (r.to.getTime() - r.from.getTime()) / DAY_MS, 0).toFixed(1);
  console.log(
    `${"".padEnd(4)}${label}: main query ${plan["Execution Time"].toFixed(1)} ms in the database (${days(sources.stored)} days stored, ${days(sources.live)} live); scans:`,
  );
  for (const line of [...new Set(scans(plan.Plan))]) console.log(`${"".padEnd(6)}${line}`);
}

const lastDays = (days: number): ReportFilters => {
  const tomorrow = Math.floor(Date.now() / DAY_MS) * DAY_MS + DAY_MS;
  return { from: new Date(tomorrow - days * DAY_MS), to: new Date(tomorrow), channel: "all", flow: "all" };
};

/** A year of the report: cold, the fill alone, warm, live; and whether warm and live agree. */
async function measureRollup(prisma: PrismaClient) {
  const year = lastDays(365);
  const clear = () => prisma.$executeRaw`TRUNCATE "OutcomeFact", "OutcomeRollupDay"`;
  console.log("\noutcomeMetrics, 365 days, with the rollup of closed days:");
  await clear();
  summarize("365 days, cold (fills, then answers)", await time(1, () => outcomeMetrics(year, prisma)));
  await clear();
  let filled = 0;
  const fill = await time(1, async () => {
    filled = await fillOutcomeRollup({ now: new Date() }, prisma);
  });
  summarize(
    "fill (the dispatcher's, all of it)",
    fill,
    `${filled} days, ${(await prisma.outcomeFact.count()).toLocaleString("en")} facts stored`,
  );
  const warm = await outcomeMetrics(year, prisma);
  summarize(
    "365 days, warm",
    await time(10, () => outcomeMetrics(year, prisma)),
    `sent: ${warm.totals.email.sent + warm.totals.sms.sent}, rows: ${warm.rows.length}`,
  );
  summarize("365 days, SMS, warm", await time(5, () => outcomeMetrics({ ...year, channel: "sms" }, prisma)));
  summarize("365 days, by template version, warm", await time(5, () => outcomeByTemplateVersion(year, prisma)));
  const live = await outcomeMetrics(year, prisma, { useRollup: false });
  summarize("365 days, live (no rollup)", await time(3, () => outcomeMetrics(year, prisma, { useRollup: false })));
  console.log(`${"".padEnd(4)}warm and live reports identical: ${isDeepStrictEqual(warm, live) ? "yes" : "NO"}`);
  await explain(prisma, year, "365 days, warm");
}

async function measure(prisma: PrismaClient, label: string, withPlan: boolean) {
  const last28 = lastDays(28);
  const cases: { label: string; filters: ReportFilters; runs: number }[] = [
    { label: "28 days, all", filters: last28, runs: 40 },
    { label: "28 days, SMS", filters: { ...last28, channel: "sms" }, runs: 20 },
    { label: "28 days, abandoned_checkout", filters: { ...last28, flow: "abandoned_checkout" }, runs: 20 },
    {
      label: "previous 28 days, all",
      filters: { ...last28, from: new Date(last28.from.getTime() - 28 * DAY_MS), to: last28.from },
      runs: 20,
    },
    { label: "365 days, all", filters: lastDays(365), runs: 5 },
  ];
  console.log(`\noutcomeMetrics, ${label}, rollup filled (whole call: 4 queries in parallel):`);
  for (const c of cases) {
    const report = await outcomeMetrics(c.filters, prisma);
    const samples = await time(c.runs, () => outcomeMetrics(c.filters, prisma));
    summarize(
      c.label,
      samples,
      `sent: ${report.totals.email.sent + report.totals.sms.sent}, rows: ${report.rows.length}`,
    );
  }
  if (withPlan) await explain(prisma, last28, "28 days");
}

/** Creates, fills, measures and drops a throwaway database next to DATABASE_URL's. */
export async function benchReports(conversations: number, options: { keep?: boolean } = {}) {
  const name = `reply_inbox_bench_reports_${process.pid}`;
  console.log(`\nReports bench: throwaway database ${name}, ${conversations.toLocaleString("en")} conversations`);
  await withThrowawayDatabase(
    { label: "reports", name, keep: Boolean(options.keep), poolSize: 4 },
    {
      fill: (client) => fillOutcomeData(client, conversations),
      measure: async (prisma) => {
        await measureRollup(prisma);
        await measure(prisma, "with the migrations' indexes", true);
        await prisma.$executeRaw(Prisma.raw(CANDIDATE_INDEX));
        await prisma.$executeRaw`ANALYZE "ScheduledMessage"`;
        await measure(prisma, "plus an index on ScheduledMessage (status, sentAt)", true);
      },
    },
  );
}
