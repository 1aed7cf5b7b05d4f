// npm run bench:dispatch -- [--due 2000] [--calls 4] [--latency 20] [--messages 1000000] [--conversations 100000]
//                            [--report-conversations 50000] [--database NAME] [--keep-database] [--cpu-profile FILE]
//
// The dispatcher measured as a library, without HTTP or Next.js: the same sale-day load as
// bench:http's dispatcher line (N due abandoned-checkout help emails, 4 dispatch runs at a time
// until nothing is left, fake Postmark answering in 20 ms, a database of about 1.15M messages),
// calling dispatchDueMessages() directly. Prints messages per second, duplicates (recipients
// Postmark got twice), the statuses the messages ended in, and the SQL statements the dispatch
// runs sent per message, grouped by statement. --database NAME fills NAME once and keeps it, so a
// later run with the same name skips the fill (each run adds its own due messages).
// --cpu-profile FILE writes a V8 CPU profile of the dispatch phase only (open it in Chrome DevTools).
import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { z } from "zod";
import { databaseConfigFromUrl } from "@/lib/db/connection-config";
import { startFakePostmark } from "@/tools/fake-providers";
import {
  ADMIN_DATABASE_URL,
  createMigratedDatabase,
  databaseUrlFor,
  dropDatabase,
} from "../tests/support/test-database";
import { fillOutcomeData } from "./bench-reports";
import { fillMessageData } from "./bench-search";

const whole = (min: number) =>
  z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(min, `must be at least ${min}`);
const cliSchema = z.object({
  due: whole(1).default(2_000),
  calls: whole(1).default(4),
  latency: whole(0).default(20),
  messages: whole(0).default(1_000_000),
  conversations: whole(1_000).default(100_000),
  "report-conversations": whole(0).default(50_000),
  database: z
    .string()
    .regex(/^[a-z0-9_]+$/, "lower-case letters, digits and _")
    .optional(),
  "keep-database": z.boolean().default(false),
  "cpu-profile": z.string().optional(),
});
type Options = z.infer<typeof cliSchema>;

const secret = (bytes = 24) => randomBytes(bytes).toString("base64url");

// Every statement the app's pool sends is counted (the bench's own client is left out): the
// driver adapter's connections are pg.Client instances, so their query method sees them all.
// Each statement's time is from its submission to its answer (as this busy process sees it).
const statements = new Map<string, { count: number; ms: number }>();
let countingFor: pg.Client | null = null;
let counting = false;
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (!counting || this === countingFor) return query.apply(this, args);
  const first = args[0];
  const text = typeof first === "string" ? first : ((first as { text?: string } | undefined)?.text ?? "?");
  const shape = text.replace(/\s+/g, " ").replace(/\$\d+/g, "$").trim().slice(0, 120);
  const entry = statements.get(shape) ?? { count: 0, ms: 0 };
  statements.set(shape, entry);
  entry.count++;
  const started = performance.now();
  const done = () => void (entry.ms += performance.now() - started);
  const callback = args.at(-1);
  if (typeof callback === "function") {
    args[args.length - 1] = (...answer: unknown[]) => {
      done();
      return (callback as (...a: unknown[]) => unknown)(...answer);
    };
    return query.apply(this, args);
  }
  const result = query.apply(this, args);
  if (result instanceof Promise) result.then(done, done);
  return result;
} as typeof pg.Client.prototype.query;

/** CPU seconds each PostgreSQL backend serving this database has used (Linux /proc; same machine). */
async function backendCpuSeconds(client: pg.Client): Promise<Map<number, number>> {
  const { rows } = await client.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  const ticks = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks.set(pid, (Number(fields[11]) + Number(fields[12])) / 100); // utime + stime, in clock ticks of 1/100 s
    } catch {
      // gone, or not readable here
    }
  }
  return ticks;
}

type FakeReport = { recipients: string[]; maxInFlight: number; firstAt: number; lastAt: number };

/**
 * Fake Postmark in a child process, so that this process's CPU is the dispatcher's alone (over
 * HTTP, bench:http's fake runs outside the app too). Asked for what it received over IPC.
 */
async function startFakePostmarkProcess(token: string, latencyMs: number) {
  const child: ChildProcess = fork(process.argv[1]!, ["--serve-fake-postmark"], {
    env: { ...process.env, FAKE_POSTMARK_TOKEN: token, FAKE_POSTMARK_LATENCY_MS: String(latencyMs) },
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("message", (message) => resolve((message as { url: string }).url));
    child.once("exit", (code) => reject(new Error(`the fake Postmark exited (${code})`)));
  });
  return {
    url,
    report: () =>
      new Promise<FakeReport>((resolve) => {
        child.once("message", (message) => resolve(message as FakeReport));
        child.send("report");
      }),
    close: () =>
      new Promise<void>((resolve) =>
        child.exitCode !== null ? resolve() : (child.once("exit", () => resolve()), child.send("close")),
      ),
  };
}

/** The child's side: serve, report, close. */
async function serveFakePostmark() {
  const postmark = await startFakePostmark(process.env.FAKE_POSTMARK_TOKEN!);
  postmark.latencyMs = Number(process.env.FAKE_POSTMARK_LATENCY_MS);
  // When the first and the last email arrived: the sending itself, without the runs' other work.
  let firstAt = 0;
  let lastAt = 0;
  const record = postmark.sent.push.bind(postmark.sent);
  postmark.sent.push = (...emails) => {
    lastAt = Date.now();
    firstAt ||= lastAt;
    return record(...emails);
  };
  process.on("message", (message) => {
    if (message === "report")
      process.send!({
        recipients: postmark.sent.map((email) => email.To),
        maxInFlight: postmark.maxInFlight,
        firstAt,
        lastAt,
      } satisfies FakeReport);
    if (message === "close") void postmark.close().then(() => process.exit(0));
  });
  process.send!({ url: postmark.url });
}

async function databaseExists(name: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    return (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount === 1;
  } finally {
    await admin.end();
  }
}

/** N due help emails to N new customers, each with an abandoned checkout (as bench:http inserts them). */
async function insertDueHelpEmails(client: pg.Client, prefix: string, due: number) {
  await client.query(
    `INSERT INTO "Customer" (id, email, "firstName", locale, "updatedAt") SELECT '${prefix}cu' || i, '${prefix}' || i || '@bench.example', 'Client', 'fr', now() FROM generate_series(1, ${due}) i;
     INSERT INTO "Checkout" (id, "externalId", "customerId", currency, "totalPrice", "startedAt", "lastActivityAt", "abandonedAt", "checkoutUrl", "updatedAt")
       SELECT '${prefix}ck' || i, '${prefix}ck' || i, '${prefix}cu' || i, 'EUR', 49, now() - interval '2 hours', now() - interval '61 minutes', now() - interval '1 minute', 'https://shop.example/checkouts/' || i, now() FROM generate_series(1, ${due}) i;
     INSERT INTO "ScheduledMessage" (id, flow, step, channel, "customerId", "checkoutId", "dueAt", status, attempts, "idempotencyKey", "updatedAt")
       SELECT '${prefix}sm' || i, 'abandoned_checkout', 'help', 'email', '${prefix}cu' || i, '${prefix}ck' || i, now() - interval '1 minute', 'scheduled', 0, '${prefix}sm' || i, now() FROM generate_series(1, ${due}) i`,
  );
}

async function main(options: Options) {
  const postmarkToken = secret();
  const postmark = await startFakePostmarkProcess(postmarkToken, options.latency);

  const name = options.database ?? `reply_inbox_bench_dispatch_${process.pid}`;
  const reuse = options.database !== undefined && (await databaseExists(name));
  const databaseUrl = reuse ? databaseUrlFor(name) : await createMigratedDatabase(name);
  // Before any lib/ module reads its environment (env() parses it once).
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    APP_URL: "https://inbox.bench.example",
    AUTH_SECRET: secret(32),
    LINK_SECRET: secret(32),
    CRON_SECRET: secret(),
    DISPATCHER: "external",
    POSTMARK_SERVER_TOKEN: postmarkToken,
    POSTMARK_API_URL: postmark.url,
    POSTMARK_INBOUND_ADDRESS: "reply@inbound.bench.example",
    OPENAI_API_KEY: "",
  });
  const client = new pg.Client(databaseConfigFromUrl(databaseUrl));
  await client.connect();
  countingFor = client;
  const { db } = await import("@/lib/db");
  try {
    if (!reuse) {
      console.log(
        `Filling ${name}: ${options.messages.toLocaleString("en")} messages, a year of outcomes over ${options["report-conversations"].toLocaleString("en")} conversations…`,
      );
      if (options["report-conversations"] > 0) await fillOutcomeData(client, options["report-conversations"]);
      if (options.messages > 0) await fillMessageData(client, databaseUrl, options.messages, options.conversations);
      const { prepareSimulatedShop } = await import("@/tools/simulator/prepare-simulated-shop");
      await prepareSimulatedShop();
    }
    const [{ count: messageCount }] = (await client.query<{ count: string }>(`SELECT count(*) FROM "Message"`))
      .rows as [{ count: string }];
    const { dispatchDueMessages } = await import("@/lib/jobs/dispatch-due-messages");
    // Runs until nothing is due first: the filled data's own backlog (replies to classify,
    // checkouts to mark, due messages) and the modules' first load are not what is measured.
    while (Object.keys((await dispatchDueMessages()).results).length > 0);
    const prefix = `d${Date.now().toString(36)}`;
    await insertDueHelpEmails(client, prefix, options.due);
    await client.query(`ANALYZE`);

    const { env } = await import("@/lib/env");
    const results: Record<string, number> = {};
    const call = async () => {
      for (;;) {
        const report = await dispatchDueMessages();
        for (const [result, n] of Object.entries(report.results)) results[result] = (results[result] ?? 0) + n;
        if (Object.values(report.results).reduce((a, b) => a + b, 0) === 0) return;
      }
    };
    const profiler = options["cpu-profile"] ? new Session() : null;
    if (profiler) {
      profiler.connect();
      await profiler.post("Profiler.enable");
      await profiler.post("Profiler.start");
    }
    const backendsBefore = await backendCpuSeconds(client);
    counting = true;
    const cpuBefore = process.cpuUsage();
    const started = Date.now();
    await Promise.all(Array.from({ length: options.calls }, call));
    const seconds = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    counting = false;
    let databaseCpu = 0;
    for (const [pid, seconds] of await backendCpuSeconds(client))
      databaseCpu += seconds - (backendsBefore.get(pid) ?? 0);
    if (profiler) {
      const { profile } = await profiler.post("Profiler.stop");
      writeFileSync(options["cpu-profile"]!, JSON.stringify(profile));
      profiler.disconnect();
    }

    const { rows: statuses } = await client.query<{ status: string; count: string }>(
      `SELECT status, count(*) FROM "ScheduledMessage" WHERE id LIKE '${prefix}sm%' GROUP BY status ORDER BY status`,
    );
    const { recipients, maxInFlight, firstAt, lastAt } = await postmark.report();
    const sent = recipients.length;
    const duplicates = sent - new Set(recipients).size;
    const total = [...statements.values()].reduce((sum, entry) => sum + entry.count, 0);
    const { DISPATCH_CONCURRENCY, DATABASE_POOL_MAX } = env();
    console.log(
      `\ndispatcher (library): ${options.due} due help emails over a database of ${Number(messageCount).toLocaleString("en")} messages, ${options.calls} dispatch runs at a time, fake Postmark answering in ${options.latency} ms (DISPATCH_CONCURRENCY ${DISPATCH_CONCURRENCY}, DATABASE_POOL_MAX ${DATABASE_POOL_MAX})`,
    );
    console.log(
      `  ${sent} sent in ${seconds.toFixed(2)} s = ${(sent / seconds).toFixed(0)} msg/s, ${duplicates} duplicates, at most ${maxInFlight} sends in flight`,
    );
    console.log(
      `  from the first email to the last (the runs' other work left out): ${((lastAt - firstAt) / 1000).toFixed(2)} s = ${(sent / Math.max(0.001, (lastAt - firstAt) / 1000)).toFixed(0)} msg/s`,
    );
    console.log(
      `  statuses: ${statuses.map((s) => `${s.status} ${s.count}`).join(", ")}; results: ${JSON.stringify(results)}`,
    );
    // The machine may be shared: CPU per message says more than the wall clock when it is busy.
    console.log(
      `  CPU per message sent: ${((cpu.user + cpu.system) / 1000 / Math.max(1, sent)).toFixed(2)} ms in this process (${(((cpu.user + cpu.system) / 1e6 / seconds) * 100).toFixed(0)}% of one core), ${((databaseCpu * 1000) / Math.max(1, sent)).toFixed(2)} ms in PostgreSQL (its backends still connected)`,
    );
    console.log(
      `  SQL statements: ${total} = ${(total / Math.max(1, sent)).toFixed(1)} per message sent; the most frequent (per message sent, then mean ms each):`,
    );
    for (const [shape, { count, ms }] of [...statements]
      .sort((a, b) => b[1].count - a[1].count || b[1].ms - a[1].ms)
      .slice(0, 24)) {
      console.log(
        `  ${(count / Math.max(1, sent)).toFixed(2).padStart(7)} ${(ms / count).toFixed(1).padStart(7)} ms  ${shape}`,
      );
    }
  } finally {
    await client.end();
    await db.$disconnect();
    await postmark.close();
    if (options.database || options["keep-database"]) console.log(`Kept the database: DATABASE_URL=${databaseUrl}`);
    else await dropDatabase(name);
  }
}

if (process.argv.includes("--serve-fake-postmark")) {
  void serveFakePostmark();
} else {
  const { values } = parseArgs({
    options: {
      due: { type: "string" },
      calls: { type: "string" },
      latency: { type: "string" },
      messages: { type: "string" },
      conversations: { type: "string" },
      "report-conversations": { type: "string" },
      database: { type: "string" },
      "keep-database": { type: "boolean" },
      "cpu-profile": { type: "string" },
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
      console.error(`bench:dispatch failed: ${error instanceof Error ? error.stack : error}`);
      process.exit(1);
    },
  );
}
