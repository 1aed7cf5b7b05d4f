// npm run bench:http -- [--messages 1000000] [--conversations 100000] [--duration 10] [--out FILE]
//
// The hot paths measured from outside, over HTTP, against the production build (`npm run build`
// first), side by side with a yardstick in the same run: GET /api/health (the framework and one
// query). A throwaway PostgreSQL database is filled to N messages over M conversations (plus a
// year of automated sends for the outcome report), the built app is started on it wired to fake
// Postmark and Twilio (20 ms per send, as a real API takes time), and autocannon loads each path:
// 16 connections for webhooks, 4 for the inbox. Prints a table and writes it as Markdown to
// --out (default bench-results/http.md). The figures of record live in docs/PERFORMANCE.md.
import { spawn } from "node:child_process";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import pg from "pg";
import { z } from "zod";
import { databaseConfigFromUrl } from "@/lib/db/connection-config";
import { startFakePostmark, startFakeTwilio } from "@/tools/fake-providers";
import { createMigratedDatabase, dropDatabase } from "../tests/support/test-database";
import { fillOutcomeData } from "./bench-reports";
import { fillMessageData } from "./bench-search";

const whole = (min: number) =>
  z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(min, `must be at least ${min}`);
const cliSchema = z.object({
  messages: whole(1_000).default(1_000_000),
  conversations: whole(1_000).default(100_000),
  "report-conversations": whole(1_000).default(50_000),
  duration: whole(2).default(10),
  "due-messages": whole(10).default(2_000),
  port: whole(1).default(3400),
  out: z.string().default("bench-results/http.md"),
  "keep-database": z.boolean().default(false),
});
type Options = z.infer<typeof cliSchema>;

type Row = { path: string; connections: number; rps: number; p50: number; p97: number; p99: number; errors: number };
const secret = (bytes = 24) => randomBytes(bytes).toString("base64url");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function load(
  label: string,
  url: string,
  connections: number,
  duration: number,
  request: autocannon.Request | autocannon.Request[],
  headers: Record<string, string> = {},
): Promise<Row> {
  const result = await autocannon({
    url,
    connections,
    duration,
    headers,
    requests: Array.isArray(request) ? request : [request],
  });
  const errors = result.errors + result.timeouts + result.non2xx;
  // autocannon's histogram gives p90 and p97.5, not p95: p97.5 is shown, an upper bound of p95.
  const row = {
    path: label,
    connections,
    rps: result.requests.average,
    p50: result.latency.p50,
    p97: result.latency.p97_5,
    p99: result.latency.p99,
    errors,
  };
  console.log(
    `  ${label.padEnd(48)} ${row.rps.toFixed(0).padStart(6)} req/s  p50 ${row.p50} ms  p97.5 ${row.p97} ms  p99 ${row.p99} ms${errors ? `  (${errors} errors/non-2xx)` : ""}`,
  );
  return row;
}

async function signIn(appUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  const csrfCookie = (csrf.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
  });
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.includes("session-token"));
  if (!session) throw new Error(`sign-in failed (${response.status})`);
  return session;
}

/**
 * The gzipped size of the JavaScript a signed-in inbox page loads in a current browser: the
 * legacy polyfills Next.js marks `noModule` are fetched only by browsers without modules.
 */
async function inboxJsBytes(appUrl: string, cookie: string): Promise<number> {
  const html = await (await fetch(`${appUrl}/inbox`, { headers: { cookie } })).text();
  const tags = [...html.matchAll(/<script[^>]+src="([^"]+\.js[^"]*)"[^>]*>/g)].filter((m) => !/\snomodule/i.test(m[0]));
  const sources = [...new Set(tags.map((m) => m[1]!))];
  let total = 0;
  for (const source of sources)
    total += gzipSync(Buffer.from(await (await fetch(new URL(source, appUrl))).arrayBuffer())).length;
  return total;
}

async function main(options: Options) {
  if (!existsSync(".next/BUILD_ID"))
    throw new Error("bench:http measures the production build: run `npm run build` first.");
  const appUrl = `http://127.0.0.1:${options.port}`;
  const cronSecret = secret();
  const postmarkToken = secret();
  const webhookPassword = secret();
  const twilioSid = `AC${randomBytes(16).toString("hex")}`;
  const twilioToken = secret();
  const [postmark, twilio] = await Promise.all([
    startFakePostmark(postmarkToken),
    startFakeTwilio(twilioSid, twilioToken),
  ]);
  postmark.latencyMs = 20;
  twilio.latencyMs = 20;

  const database = `reply_inbox_bench_http_${process.pid}`;
  console.log(
    `Filling the throwaway database ${database}: ${options.messages.toLocaleString("en")} messages over ${options.conversations.toLocaleString("en")} conversations, and a year of outcomes over ${options["report-conversations"].toLocaleString("en")} more…`,
  );
  const databaseUrl = await createMigratedDatabase(database);
  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    APP_URL: appUrl,
    AUTH_SECRET: secret(32),
    LINK_SECRET: secret(32),
    CRON_SECRET: cronSecret,
    DISPATCHER: "external",
    POSTMARK_SERVER_TOKEN: postmarkToken,
    POSTMARK_API_URL: postmark.url,
    POSTMARK_INBOUND_ADDRESS: "reply@inbound.bench.test",
    POSTMARK_WEBHOOK_USER: "bench",
    POSTMARK_WEBHOOK_PASSWORD: webhookPassword,
    TWILIO_ACCOUNT_SID: twilioSid,
    TWILIO_AUTH_TOKEN: twilioToken,
    TWILIO_FROM_NUMBER: "+33757000111",
    TWILIO_API_URL: twilio.url,
    OPENAI_API_KEY: "",
  };
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: appEnv.AUTH_SECRET,
    LINK_SECRET: appEnv.LINK_SECRET,
    CRON_SECRET: cronSecret,
    APP_URL: appUrl,
    DATABASE_POOL_MAX: "2",
  });
  const client = new pg.Client(databaseConfigFromUrl(databaseUrl));
  await client.connect();
  let app: ReturnType<typeof spawn> | null = null;
  const rows: Row[] = [];
  const facts: string[] = [];
  try {
    await fillOutcomeData(client, options["report-conversations"]);
    await fillMessageData(client, databaseUrl, options.messages, options.conversations);
    const { prepareSimulatedShop } = await import("@/tools/simulator/prepare-simulated-shop");
    const { hashPassword } = await import("@/lib/auth/password");
    await prepareSimulatedShop();
    // One count row per inserted conversation: folded as the dispatcher would before anyone reads them.
    await (await import("@/lib/inbox/list-conversations")).foldConversationCounts();
    // The closed days of the outcome report, as the dispatcher keeps them filled in production
    // (31 days a run, a year and some back; this bench runs it as a cron would not, in one go).
    const rollupStarted = performance.now();
    const filledDays = await (await import("@/lib/reports/outcome-rollup")).fillOutcomeRollup({ now: new Date() });
    facts.push(
      `outcome rollup: ${filledDays} closed days filled before measuring, in ${((performance.now() - rollupStarted) / 1000).toFixed(1)} s (the dispatcher's job in production)`,
    );
    const password = secret();
    await client.query(
      `INSERT INTO "User" (id, email, name, role, "passwordHash", "updatedAt") VALUES ('bench-admin', 'bench@shop.test', 'Bench', 'admin', $1, now())`,
      [await hashPassword(password)],
    );
    const [{ count: conversationCount }] = (
      await client.query<{ count: string }>(`SELECT count(*) FROM "Conversation"`)
    ).rows as [{ count: string }];
    const [{ count: messageCount }] = (await client.query<{ count: string }>(`SELECT count(*) FROM "Message"`))
      .rows as [{ count: string }];
    facts.push(
      `database: ${Number(conversationCount).toLocaleString("en")} conversations, ${Number(messageCount).toLocaleString("en")} messages`,
    );

    console.log(`Starting the built app on ${appUrl}…`);
    app = spawn("npx", ["next", "start", "-p", String(options.port), "-H", "127.0.0.1"], {
      env: appEnv,
      detached: true,
      stdio: ["ignore", "ignore", "inherit"],
    });
    for (let i = 0; ; i++) {
      if (i > 120) throw new Error("the app did not answer /api/health within 60 s");
      if ((await fetch(`${appUrl}/api/health`).catch(() => null))?.ok) break;
      await sleep(500);
    }
    const cookie = await signIn(appUrl, "bench@shop.test", password);
    const conversationId = (
      await client.query<{ id: string }>(
        `SELECT "conversationId" AS id FROM "Message" GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
      )
    ).rows[0]!.id;
    const d = options.duration;
    // Warm every route once (the first request compiles nothing in production, but fills caches).
    for (const route of [
      "/api/health",
      "/api/inbox/conversations?view=needs_human",
      `/inbox/${conversationId}`,
      "/api/inbox/search?q=colis",
    ])
      await fetch(`${appUrl}${route}`, { headers: { cookie } });

    console.log("\nMeasuring (same run, same machine):");
    rows.push(await load("GET /api/health (yardstick)", appUrl, 16, d, { method: "GET", path: "/api/health" }));
    let sms = 0;
    rows.push(
      await load("POST Twilio SMS webhook, new numbers", appUrl, 16, d, {
        method: "POST",
        path: "/api/webhooks/twilio/sms",
        setupRequest: (request) => {
          const n = ++sms;
          const params = {
            ToCountry: "FR",
            SmsMessageSid: `SM${randomUUID().replaceAll("-", "")}`,
            NumMedia: "0",
            From: `+3365${String(n).padStart(7, "0")}`,
            To: "+33757000111",
            Body: "Bonjour, mon colis n'est toujours pas arrivé, pouvez-vous vérifier ?",
            AccountSid: twilioSid,
            ApiVersion: "2010-04-01",
          };
          Object.assign(params, { MessageSid: params.SmsMessageSid });
          const url = `${appUrl}/api/webhooks/twilio/sms`;
          const data = Object.keys(params)
            .sort()
            .reduce((acc, key) => acc + key + params[key as keyof typeof params], url);
          const signature = createHmac("sha1", twilioToken).update(Buffer.from(data, "utf8")).digest("base64");
          return {
            ...request,
            headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
            body: new URLSearchParams(params).toString(),
          };
        },
      }),
    );
    await settled(client);
    let mail = 0;
    rows.push(
      await load("POST Postmark inbound webhook, new senders", appUrl, 16, d, {
        method: "POST",
        path: "/api/webhooks/postmark/inbound",
        setupRequest: (request) => {
          const n = ++mail;
          const body = {
            FromName: `Client ${n}`,
            MessageStream: "inbound",
            From: `client${n}@bench.example`,
            FromFull: { Email: `client${n}@bench.example`, Name: `Client ${n}`, MailboxHash: "" },
            To: "reply@inbound.bench.test",
            ToFull: [{ Email: "reply@inbound.bench.test", Name: "", MailboxHash: "" }],
            Subject: "Ma commande",
            MessageID: randomUUID(),
            Date: new Date().toUTCString(),
            MailboxHash: "",
            TextBody:
              "Bonjour,\n\nLe paiement a expiré deux fois avec l'application de ma banque ouverte. Que faire ?\n\nMerci",
            HtmlBody: "",
            StrippedTextReply: "",
            Tag: "",
            Headers: [{ Name: "Message-ID", Value: `<bench-${randomUUID()}@bench.example>` }],
            Attachments: [],
          };
          return {
            ...request,
            headers: {
              "content-type": "application/json",
              authorization: `Basic ${Buffer.from(`bench:${webhookPassword}`).toString("base64")}`,
            },
            body: JSON.stringify(body),
          };
        },
      }),
    );
    // Each ingested reply is classified after its answer: let that finish before the next path.
    await settled(client);
    for (const view of ["needs_human", "mine", "unassigned", "all_open", "snoozed", "closed"]) {
      rows.push(
        await load(
          `GET inbox list ?view=${view}`,
          appUrl,
          4,
          d,
          { method: "GET", path: `/api/inbox/conversations?view=${view}` },
          { cookie },
        ),
      );
    }
    rows.push(
      await load(
        "GET conversation page (HTML)",
        appUrl,
        4,
        d,
        { method: "GET", path: `/inbox/${conversationId}` },
        { cookie },
      ),
    );
    rows.push(
      await load(
        "GET search, common term (commande)",
        appUrl,
        4,
        d,
        { method: "GET", path: "/api/inbox/search?q=commande" },
        { cookie },
      ),
    );
    rows.push(
      await load(
        "GET search, rare term (zephyrine)",
        appUrl,
        4,
        d,
        { method: "GET", path: "/api/inbox/search?q=zephyrine" },
        { cookie },
      ),
    );
    const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
    rows.push(
      await load(
        "GET outcome report, 28 days (CSV)",
        appUrl,
        4,
        d,
        { method: "GET", path: `/api/reports/csv?table=outcomes&from=${day(27)}&to=${day(0)}` },
        { cookie },
      ),
    );
    rows.push(
      await load(
        "GET outcome report, a year (CSV)",
        appUrl,
        4,
        d,
        { method: "GET", path: `/api/reports/csv?table=outcomes&from=${day(364)}&to=${day(0)}` },
        { cookie },
      ),
    );
    rows.push(await load("GET /api/health (yardstick, again)", appUrl, 16, d, { method: "GET", path: "/api/health" }));

    facts.push(`inbox page JavaScript: ${((await inboxJsBytes(appUrl, cookie)) / 1024).toFixed(0)} KB gzipped`);
    facts.push(await benchDispatcher(client, appUrl, cronSecret, options["due-messages"], postmark));
  } finally {
    if (app?.pid && app.exitCode === null) {
      try {
        process.kill(-app.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    await client.end();
    await Promise.all([postmark.close(), twilio.close()]);
    const { db } = await import("@/lib/db");
    await db.$disconnect();
    if (options["keep-database"]) console.log(`Kept the database: DATABASE_URL=${databaseUrl}`);
    else await dropDatabase(database);
  }
  report(rows, facts, options);
}

async function settled(client: pg.Client) {
  for (let i = 0; i < 240; i++) {
    const { rows } = await client.query<{ count: string }>(
      `SELECT count(*) FROM "Message" WHERE direction = 'inbound' AND sentiment IS NULL`,
    );
    if (Number(rows[0]!.count) === 0) return;
    await sleep(500);
  }
  console.log("  (replies still unclassified after 2 minutes: measuring anyway)");
}

/** N due help emails, four dispatch calls at a time until none is left: messages per second, duplicates. */
async function benchDispatcher(
  client: pg.Client,
  appUrl: string,
  cronSecret: string,
  due: number,
  postmark: Awaited<ReturnType<typeof startFakePostmark>>,
): Promise<string> {
  await client.query(
    `INSERT INTO "Customer" (id, email, "firstName", locale, "updatedAt") SELECT 'dcu' || i, 'dispatch' || i || '@bench.example', 'Client', 'fr', now() FROM generate_series(1, $1::int) i;
     INSERT INTO "Checkout" (id, "externalId", "customerId", currency, "totalPrice", "startedAt", "lastActivityAt", "abandonedAt", "checkoutUrl", "updatedAt")
       SELECT 'dck' || i, 'dck' || i, 'dcu' || i, 'EUR', 49, now() - interval '2 hours', now() - interval '61 minutes', now() - interval '1 minute', 'https://shop.example/checkouts/' || i, now() FROM generate_series(1, $1::int) i;
     INSERT INTO "ScheduledMessage" (id, flow, step, channel, "customerId", "checkoutId", "dueAt", status, attempts, "idempotencyKey", "updatedAt")
       SELECT 'dsm' || i, 'abandoned_checkout', 'help', 'email', 'dcu' || i, 'dck' || i, now() - interval '1 minute', 'scheduled', 0, 'dsm' || i, now() FROM generate_series(1, $1::int) i`.replaceAll(
      "$1::int",
      String(due),
    ),
  );
  const sentBefore = postmark.sent.length;
  const started = Date.now();
  const call = async () => {
    for (;;) {
      const response = await fetch(`${appUrl}/api/cron/dispatch`, {
        headers: { authorization: `Bearer ${cronSecret}` },
      });
      const report = (await response.json()) as { results?: Record<string, number> };
      if (!response.ok || Object.values(report.results ?? {}).reduce((a, b) => a + b, 0) === 0) return;
    }
  };
  await Promise.all([call(), call(), call(), call()]);
  const seconds = (Date.now() - started) / 1000;
  const { rows: statuses } = await client.query<{ status: string; count: string }>(
    `SELECT status, count(*) FROM "ScheduledMessage" WHERE id LIKE 'dsm%' GROUP BY status`,
  );
  const sent = postmark.sent.length - sentBefore;
  const unique = new Set(postmark.sent.slice(sentBefore).map((m) => m.To)).size;
  const line = `dispatcher: ${due} due help emails, 4 dispatch calls at a time, fake Postmark answering in 20 ms: ${sent} sent in ${seconds.toFixed(1)} s = ${(sent / seconds).toFixed(0)} msg/s, ${sent - unique} duplicates (statuses: ${statuses.map((s) => `${s.status} ${s.count}`).join(", ")})`;
  console.log(`  ${line}`);
  return line;
}

function report(rows: Row[], facts: string[], options: Options) {
  const health = rows[0]!.rps;
  const lines = [
    `# HTTP bench, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; production build (next start), PostgreSQL on the same machine, the load client too. ${options.duration} s per path.`,
    "",
    "| path | connections | req/s | × health | p50 ms | p97.5 ms (≥ p95) | p99 ms | errors |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.path} | ${r.connections} | ${r.rps.toFixed(0)} | ${(r.rps / health).toFixed(2)} | ${r.p50} | ${r.p97} | ${r.p99} | ${r.errors} |`,
    ),
    "",
    ...facts.map((f) => `- ${f}`),
    "",
    "autocannon's histogram has no p95: p97.5 is shown, so a p95 target met by it is met.",
  ];
  mkdirSync(path.dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${lines.join("\n")}\n`);
  console.log(`\n${lines.join("\n")}\n\nWritten to ${options.out}`);
}

const { values } = parseArgs({
  options: {
    messages: { type: "string" },
    conversations: { type: "string" },
    "report-conversations": { type: "string" },
    duration: { type: "string" },
    "due-messages": { type: "string" },
    port: { type: "string" },
    out: { type: "string" },
    "keep-database": { type: "boolean" },
  },
});
const parsed = cliSchema.safeParse(values);
if (!parsed.success) {
  console.error(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));
  process.exit(2);
}
main(parsed.data).then(
  () => process.exit(0),
  (error) => {
    console.error(`bench:http failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
