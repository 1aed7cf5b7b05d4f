// npm run simulate -- --customers 2000 --seed 42 [--start-app] [--sms-click 0.083 ...]
//
// Drives a simulated shop through the app's real endpoints and prints the planted rates beside
// what the simulated customers produced (tools/simulator). Two ways to run it:
//   --start-app   the built app (`npm run build` first) on a throwaway PostgreSQL database, wired
//                 to fake Postmark and Twilio started here; stopped and dropped at the end. The
//                 shop gets the default flow timing and an SMS window open all day.
//   (default)     an app you started yourself at --app-url (APP_URL), with POSTMARK_API_URL and
//                 TWILIO_API_URL pointing at the fakes this starts on --postmark-port/--twilio-port;
//                 secrets are read from the environment and .env.local, as the app reads them.
import { loadEnvConfig } from "@next/env";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createConnection } from "node:net";
import { parseArgs } from "node:util";
import { z } from "zod";
import { compareWithReport, formatComparison } from "@/tools/simulator/compare-with-report";
import type { SimulationSecrets } from "@/tools/simulator/provider-payloads";
import { runSimulation, type SimulationResult } from "@/tools/simulator/run-simulation";
import { MAX_CUSTOMERS } from "@/tools/simulator/shop-scenario";
import {
  DEFAULT_RATES,
  RATE_NAMES,
  RATE_SPECS,
  resolveRates,
  type SimulationRates,
} from "@/tools/simulator/simulation-rates";
import { describeRates, formatTally } from "@/tools/simulator/simulation-tally";
import { httpOutbox, httpTransport, type Outbox, type Transport } from "@/tools/simulator/transport";
import { startFakePostmark, startFakeTwilio } from "@/tools/fake-providers";
import { createMigratedDatabase, dropDatabase } from "../tests/support/test-database";

const USAGE = `Usage: npm run simulate -- [options]

  --customers N        customers in the simulated shop (1-${MAX_CUSTOMERS}, default 500)
  --seed N             the same seed gives the same shop and behaviour (default 42)
  --start-app          start the built app on a throwaway database, fully wired, and stop it after
  --port N             its port with --start-app (default 3300)
  --keep-database      with --start-app: keep the database and print its URL
  --app-url URL        otherwise: the running app (default APP_URL, else http://localhost:3000)
  --postmark-port N    the fake Postmark this starts (default 3310)
  --twilio-port N      the fake Twilio this starts (default 3311)
  --postmark-url URL   use a fake Postmark already running there instead (read through /__fake/sent)
  --twilio-url URL     use a fake Twilio already running there instead
  --api-token TOKEN    events API token (Settings → API tokens) for review.created; none: no reviews
  --concurrency N      customers played at once (default 6)
  --dispatchers N      dispatcher calls at once (default 3)
  --verbose            print every dispatcher call
  --help

Rates (probabilities from 0 to 1; defaults from the seeds):
${describeRates(DEFAULT_RATES)}`;

class UsageError extends Error {}

const port = z.coerce
  .number({ error: "must be a port number" })
  .int("must be a port number")
  .min(1, "must be a port number")
  .max(65_535, "must be a port number");
const whole = (min: number, max: number) =>
  z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const cliSchema = z
  .object({
    customers: whole(1, MAX_CUSTOMERS).default(500),
    seed: whole(0, 4_294_967_295).default(42),
    "start-app": z.boolean().default(false),
    port: port.default(3300),
    "keep-database": z.boolean().default(false),
    "app-url": z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    "postmark-port": port.default(3310),
    "twilio-port": port.default(3311),
    "postmark-url": z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    "twilio-url": z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    "api-token": z.string().min(1).optional(),
    concurrency: whole(1, 64).default(6),
    dispatchers: whole(1, 8).default(3),
    verbose: z.boolean().default(false),
    ...Object.fromEntries(
      RATE_NAMES.map((name) => [
        RATE_SPECS[name].flag,
        z.coerce
          .number({ error: "must be a number" })
          .min(0, "must be between 0 and 1")
          .max(1, "must be between 0 and 1")
          .optional(),
      ]),
    ),
  })
  .superRefine((o, ctx) => {
    if (o["start-app"] && o["app-url"])
      ctx.addIssue({
        code: "custom",
        path: ["app-url"],
        message: "cannot be used with --start-app (it starts its own app)",
      });
    if (o["start-app"] && (o["postmark-url"] || o["twilio-url"]))
      ctx.addIssue({
        code: "custom",
        path: ["postmark-url"],
        message: "cannot be used with --start-app (it starts its own fakes)",
      });
    if (Boolean(o["postmark-url"]) !== Boolean(o["twilio-url"]))
      ctx.addIssue({
        code: "custom",
        path: ["twilio-url"],
        message: "give both --postmark-url and --twilio-url, or neither",
      });
    if (o["keep-database"] && !o["start-app"])
      ctx.addIssue({ code: "custom", path: ["keep-database"], message: "only applies with --start-app" });
  });

type CliOptions = z.infer<typeof cliSchema>;

function parseCli(argv: string[]): CliOptions | "help" {
  const booleans = new Set(["start-app", "keep-database", "verbose", "help"]);
  const names = Object.keys(cliSchema.shape).concat("help");
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: Object.fromEntries(names.map((name) => [name, { type: booleans.has(name) ? "boolean" : "string" }])),
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return "help";
  delete values.help;
  const parsed = cliSchema.safeParse(values);
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("\n"));
  return parsed.data;
}

function ratesFrom(options: CliOptions): Partial<SimulationRates> {
  const given = options as unknown as Record<string, number | undefined>;
  return Object.fromEntries(
    RATE_NAMES.filter((name) => given[RATE_SPECS[name].flag] !== undefined).map((name) => [
      name,
      given[RATE_SPECS[name].flag]!,
    ]),
  );
}

const secret = (bytes = 24) => randomBytes(bytes).toString("base64url");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForHealth(appUrl: string, child: ChildProcess, output: string[], timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`The app exited (code ${child.exitCode}) before it was ready:\n${output.join("").slice(-2000)}`);
    try {
      const response = await fetch(`${appUrl}/api/health`, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  throw new Error(
    `The app did not answer ${appUrl}/api/health within ${timeoutMs / 1000} s:\n${output.join("").slice(-2000)}`,
  );
}

/** Whether something already listens on this local port. */
function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function requireFreePorts(ports: Record<string, number>): Promise<void> {
  const busy: string[] = [];
  for (const [flag, port] of Object.entries(ports)) if (await portInUse(port)) busy.push(`--${flag} ${port}`);
  if (busy.length) throw new UsageError(`Something already listens on ${busy.join(", ")}: pick other ports.`);
}

type Session = {
  transport: Transport;
  outbox: Outbox;
  secrets: SimulationSecrets;
  afterRun?: (result: SimulationResult) => Promise<void>;
  stop: () => Promise<void>;
};

/** The built app on a throwaway database, with the fakes, everything generated here. */
async function startOwnApp(options: CliOptions): Promise<Session> {
  if (!existsSync(".next/BUILD_ID")) throw new UsageError("--start-app runs the built app: run `npm run build` first.");
  await requireFreePorts({
    port: options.port,
    "postmark-port": options["postmark-port"],
    "twilio-port": options["twilio-port"],
  });
  const appUrl = `http://127.0.0.1:${options.port}`;
  const secrets: SimulationSecrets = {
    appUrl,
    cronSecret: secret(),
    shopifyWebhookSecret: secret(),
    postmarkWebhookUser: "simulator",
    postmarkWebhookPassword: secret(),
    twilioAccountSid: `AC${randomBytes(16).toString("hex")}`,
    twilioAuthToken: secret(),
    twilioFromNumber: "+33757000111",
    apiToken: null,
  };
  const postmarkToken = secret();
  const [postmark, twilio] = await Promise.all([
    startFakePostmark(postmarkToken, options["postmark-port"]),
    startFakeTwilio(secrets.twilioAccountSid, secrets.twilioAuthToken, options["twilio-port"]),
  ]);
  const database = `reply_inbox_sim_${process.pid}`;
  console.log(`Creating the throwaway database ${database}…`);
  const databaseUrl = await createMigratedDatabase(database);
  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    APP_URL: appUrl,
    AUTH_SECRET: secret(32),
    LINK_SECRET: secret(32),
    CRON_SECRET: secrets.cronSecret,
    SHOPIFY_WEBHOOK_SECRET: secrets.shopifyWebhookSecret,
    POSTMARK_SERVER_TOKEN: postmarkToken,
    POSTMARK_API_URL: postmark.url,
    POSTMARK_INBOUND_ADDRESS: "reply@inbound.simulator.test",
    POSTMARK_WEBHOOK_USER: secrets.postmarkWebhookUser,
    POSTMARK_WEBHOOK_PASSWORD: secrets.postmarkWebhookPassword,
    TWILIO_ACCOUNT_SID: secrets.twilioAccountSid,
    TWILIO_AUTH_TOKEN: secrets.twilioAuthToken,
    TWILIO_FROM_NUMBER: secrets.twilioFromNumber,
    TWILIO_API_URL: twilio.url,
    // Empty means unset, and keeps a key in .env.local out: replies are labelled by the local
    // classifier, so a seed always plays out the same way and nothing leaves the machine.
    OPENAI_API_KEY: "",
  };
  // This process prepares the shop and reads the report through the same lib/ code.
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: appEnv.AUTH_SECRET,
    LINK_SECRET: appEnv.LINK_SECRET,
    CRON_SECRET: secrets.cronSecret,
    APP_URL: appUrl,
    DATABASE_POOL_MAX: "2",
  });
  const { prepareSimulatedShop } = await import("@/tools/simulator/prepare-simulated-shop");
  const { waitForClassifiedReplies } = await import("@/tools/simulator/wait-for-classified-replies");
  const { db } = await import("@/lib/db");
  const shop = await prepareSimulatedShop();
  secrets.apiToken = shop.apiToken;

  console.log(`Starting the app on ${appUrl} (fake Postmark ${postmark.url}, fake Twilio ${twilio.url})…`);
  const output: string[] = [];
  const app = spawn("npx", ["next", "start", "-p", String(options.port), "-H", "127.0.0.1"], {
    env: appEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  app.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  app.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (app.exitCode === null && app.pid) {
      const exited = new Promise((resolve) => app.once("exit", resolve));
      try {
        process.kill(-app.pid, "SIGTERM"); // the process group started above: npx and next
      } catch {
        // already gone
      }
      await Promise.race([exited, sleep(5000)]);
    }
    await Promise.all([postmark.close(), twilio.close()]);
    await db.$disconnect();
    if (options["keep-database"]) console.log(`Kept the database: DATABASE_URL=${databaseUrl}`);
    else await dropDatabase(database);
  };
  try {
    await waitForHealth(appUrl, app, output);
  } catch (error) {
    await stop();
    throw error;
  }

  const transport: Transport = {
    ...httpTransport(appUrl),
    settle: async () => {
      if (!(await waitForClassifiedReplies())) console.warn("Some replies were still not labelled after 60 s.");
    },
  };
  return {
    transport,
    outbox: { emails: async () => postmark.sent, sms: async () => twilio.sent },
    secrets,
    afterRun: async (result) => {
      const { outcomeMetrics } = await import("@/lib/reports/outcome-metrics");
      const { parseReportFilters } = await import("@/lib/reports/report-filters");
      const filters = parseReportFilters(
        { from: result.from.toISOString().slice(0, 10), to: result.to.toISOString().slice(0, 10) },
        result.to,
      );
      if (!filters.ok) throw new Error(filters.error);
      console.log(`\n${formatComparison(compareWithReport(result.tally, await outcomeMetrics(filters.filters)))}`);
    },
    stop,
  };
}

/** An app started by the user; the fakes are started here unless given. */
async function connectToRunningApp(options: CliOptions): Promise<Session> {
  loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
  const e = process.env;
  const appUrl = (options["app-url"] ?? e.APP_URL ?? "http://localhost:3000").replace(/\/$/, "");
  const needed = [
    "CRON_SECRET",
    "SHOPIFY_WEBHOOK_SECRET",
    "POSTMARK_SERVER_TOKEN",
    "POSTMARK_WEBHOOK_USER",
    "POSTMARK_WEBHOOK_PASSWORD",
    "TWILIO_ACCOUNT_SID",
    "TWILIO_AUTH_TOKEN",
    "TWILIO_FROM_NUMBER",
  ];
  const missing = needed.filter((name) => !e[name]);
  if (missing.length)
    throw new UsageError(
      `The simulator signs its requests with the app's secrets; set ${missing.join(", ")} (as the app has them, e.g. in .env.local), or use --start-app.`,
    );
  const secrets: SimulationSecrets = {
    appUrl: e.APP_URL ?? appUrl,
    cronSecret: e.CRON_SECRET!,
    shopifyWebhookSecret: e.SHOPIFY_WEBHOOK_SECRET!,
    postmarkWebhookUser: e.POSTMARK_WEBHOOK_USER!,
    postmarkWebhookPassword: e.POSTMARK_WEBHOOK_PASSWORD!,
    twilioAccountSid: e.TWILIO_ACCOUNT_SID!,
    twilioAuthToken: e.TWILIO_AUTH_TOKEN!,
    twilioFromNumber: e.TWILIO_FROM_NUMBER!,
    apiToken: options["api-token"] ?? null,
  };
  let outbox: Outbox;
  let stop = async () => {};
  if (options["postmark-url"] && options["twilio-url"]) {
    outbox = httpOutbox(options["postmark-url"], options["twilio-url"]);
  } else {
    await requireFreePorts({ "postmark-port": options["postmark-port"], "twilio-port": options["twilio-port"] });
    const [postmark, twilio] = await Promise.all([
      startFakePostmark(e.POSTMARK_SERVER_TOKEN!, options["postmark-port"]),
      startFakeTwilio(secrets.twilioAccountSid, secrets.twilioAuthToken, options["twilio-port"]),
    ]);
    outbox = { emails: async () => postmark.sent, sms: async () => twilio.sent };
    stop = async () => void (await Promise.all([postmark.close(), twilio.close()]));
    console.log(
      `Fake Postmark on ${postmark.url}, fake Twilio on ${twilio.url}. The app at ${appUrl} must run with:\n  POSTMARK_API_URL=${postmark.url} TWILIO_API_URL=${twilio.url}`,
    );
  }
  try {
    const health = await fetch(`${appUrl}/api/health`, { signal: AbortSignal.timeout(10_000) });
    if (!health.ok) throw new Error(`answered ${health.status}`);
  } catch (error) {
    await stop();
    throw new UsageError(
      `No app answers at ${appUrl}/api/health (${error instanceof Error ? error.message : error}). Start it, or use --start-app.`,
    );
  }
  if (!secrets.apiToken)
    console.log("No --api-token: clicks are not followed by reviews (review.created needs an events API token).");
  console.log(
    "The shop's own settings apply: SMS only in its SMS window (customers are in France and the UK), flow timing as set.",
  );
  return { transport: httpTransport(appUrl), outbox, secrets, stop };
}

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`;
}

async function main() {
  const started = Date.now();
  const options = parseCli(process.argv.slice(2));
  if (options === "help") {
    console.log(USAGE);
    return;
  }
  let rates: SimulationRates;
  try {
    rates = resolveRates(ratesFrom(options));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const changed = RATE_NAMES.filter((name) => rates[name] !== DEFAULT_RATES[name]);
  console.log(
    `Simulating ${options.customers} customers, seed ${options.seed}${changed.length ? `, rates changed: ${changed.map((name) => `--${RATE_SPECS[name].flag} ${rates[name]}`).join(" ")}` : ", the seeds' rates"}.`,
  );

  const session = options["start-app"] ? await startOwnApp(options) : await connectToRunningApp(options);
  const interrupt = () => void session.stop().finally(() => process.exit(130));
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  let result: SimulationResult;
  try {
    result = await runSimulation({
      transport: session.transport,
      outbox: session.outbox,
      secrets: session.secrets,
      customers: options.customers,
      seed: options.seed,
      rates,
      concurrency: options.concurrency,
      dispatchers: options.dispatchers,
      log: (line) => {
        if (options.verbose || !line.includes("dispatch #")) console.log(line);
      },
    });
    console.log(`\n${formatTally(result.tally)}`);
    await session.afterRun?.(result);
  } finally {
    await session.stop();
  }
  for (const warning of result.warnings) console.warn(`Warning: ${warning}`);
  const sent = result.dispatch.results.sent ?? 0;
  console.log(
    `\nTook ${duration(Date.now() - started)} in all, ${duration(result.durationMs)} for the simulation: ${result.requests} requests to the app, ${result.dispatch.calls} dispatcher calls, ${sent} messages sent. Report range: ${result.from.toISOString().slice(0, 10)} to ${result.to.toISOString().slice(0, 10)}.`,
  );
}

main().catch((error) => {
  if (error instanceof UsageError) {
    console.error(`Error: ${error.message}\n\nRun \`npm run simulate -- --help\` for the options.`);
    process.exit(2);
  }
  console.error(`Error: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
