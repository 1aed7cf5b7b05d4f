// The only module that reads process.env. Every variable is validated here; the app refuses
// to start on a missing or invalid one (instrumentation.ts) with one line per variable.
import { z } from "zod";
import { isPublicAddress } from "@/lib/env/public-address";

const httpUrl = z.url({ protocol: /^https?$/, error: "an http(s) URL" });

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string({
        error:
          "a PostgreSQL URL (postgresql://user:password@host:5432/db); start the app with `npm start` to use the embedded database",
      })
      .regex(/^postgres(ql)?:\/\//, "a PostgreSQL URL starting with postgresql://"),
    DATABASE_POOL_MAX: z.coerce.number({ error: "a whole number" }).int().min(1).max(100).default(10),
    APP_URL: httpUrl.default("http://localhost:3000"),
    /** How many reverse proxies stand in front of the app and append to X-Forwarded-For. */
    TRUSTED_PROXY_HOPS: z.coerce.number({ error: "a whole number" }).int().min(1).max(5).default(1),
    /** A demo: known passwords, fake data and the built-in outbox. Never on a public APP_URL. */
    DEMO_MODE: z
      .enum(["true", "false", "1", "0"], { error: "true or false" })
      .default("false")
      .transform((value) => value === "true" || value === "1"),
    AUTH_SECRET: z
      .string({ error: "a random secret of at least 32 characters (npm run setup generates one)" })
      .min(32, "a random secret of at least 32 characters (npm run setup generates one)"),
    LINK_SECRET: z
      .string({ error: "a random secret of at least 32 characters, not AUTH_SECRET (npm run setup generates one)" })
      .min(32, "a random secret of at least 32 characters, not AUTH_SECRET (npm run setup generates one)"),
    /** Comma-separated link secrets still accepted while links signed with them are out there. */
    LINK_SECRETS_PREVIOUS: z
      .string()
      .optional()
      .transform((value) =>
        (value ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    CRON_SECRET: z
      .string({ error: "a random secret of at least 16 characters (npm run setup generates one)" })
      .min(16, "a random secret of at least 16 characters (npm run setup generates one)"),
    SHOPIFY_WEBHOOK_SECRET: z.string().min(1).optional(),
    POSTMARK_SERVER_TOKEN: z.string().min(1).optional(),
    POSTMARK_API_URL: httpUrl.default("https://api.postmarkapp.com"),
    POSTMARK_INBOUND_ADDRESS: z.email({ error: "an email address like reply@inbound.example.com" }).optional(),
    /** Receiving servers whose Authentication-Results headers are trusted (comma-separated authserv-ids). */
    INBOUND_AUTHSERV_IDS: z
      .string()
      .optional()
      .transform((value) =>
        (value ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    POSTMARK_WEBHOOK_USER: z.string().min(1).optional(),
    POSTMARK_WEBHOOK_PASSWORD: z.string().min(8, "at least 8 characters").optional(),
    TWILIO_ACCOUNT_SID: z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, "an Account SID: AC followed by 32 hex characters")
      .optional(),
    TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
    TWILIO_FROM_NUMBER: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, "a phone number in E.164 form, like +33612345678")
      .optional(),
    TWILIO_API_URL: httpUrl.default("https://api.twilio.com"),
    /** Messenger and Instagram Direct (Meta's Messenger Platform): the page's token for the Send API. */
    META_PAGE_ACCESS_TOKEN: z.string().min(1).optional(),
    /** The Meta app's secret: every webhook POST is signed with it (X-Hub-Signature-256). */
    META_APP_SECRET: z.string().min(1).optional(),
    /** What Meta's dashboard sends back in the webhook's GET verification (hub.verify_token). */
    META_VERIFY_TOKEN: z.string().min(8, "at least 8 characters").optional(),
    META_GRAPH_API_URL: httpUrl.default("https://graph.facebook.com"),
    META_GRAPH_API_VERSION: z
      .string()
      .regex(/^v\d+\.\d+$/, "a Graph API version like v21.0")
      .default("v21.0"),
    /**
     * Who runs the dispatcher: "in-process" (a timer inside `npm start`, the default) or
     * "external" (a cron calls /api/cron/dispatch: Vercel, or a separate `npm run worker`).
     */
    DISPATCHER: z.enum(["in-process", "external"], { error: "in-process or external" }).optional(),
    /** Provider calls a dispatcher process has in flight at once (a call holds no database connection). */
    DISPATCH_CONCURRENCY: z.coerce.number({ error: "a whole number" }).int().min(1).max(64).default(16),
    DISPATCH_INTERVAL_SECONDS: z.coerce
      .number({ error: "a whole number of seconds" })
      .int()
      .min(5)
      .max(3600)
      .default(60),
    /** Set by Vercel: there is no long-lived process, an external cron calls the route. */
    VERCEL: z.string().optional(),
    OPENAI_API_KEY: z.string().min(1).optional(),
    OPENAI_BASE_URL: httpUrl.default("https://api.openai.com/v1"),
    OPENAI_MODEL: z.string().min(1).default("gpt-4o-mini"),
  })
  .superRefine((env, ctx) => {
    if (env.DEMO_MODE && isPublicAddress(env.APP_URL)) {
      ctx.addIssue({
        code: "custom",
        path: ["DEMO_MODE"],
        message: `false when APP_URL is a public address (${env.APP_URL}): a demo publishes its passwords. Create the first admin instead (see the README, "Going live")`,
      });
    }
    if (env.LINK_SECRET === env.AUTH_SECRET)
      ctx.addIssue({
        code: "custom",
        path: ["LINK_SECRET"],
        message: "a secret of its own, not the value of AUTH_SECRET",
      });
    // A half-configured provider is a mistake worth stopping for, not a silent "not configured".
    const groups: [string, (keyof typeof env)[]][] = [
      ["Twilio", ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM_NUMBER"]],
      ["Postmark webhooks", ["POSTMARK_WEBHOOK_USER", "POSTMARK_WEBHOOK_PASSWORD"]],
    ];
    for (const [provider, names] of groups) {
      const set = names.filter((name) => env[name] !== undefined);
      if (set.length === 0 || set.length === names.length) continue;
      for (const name of names.filter((n) => env[n] === undefined)) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: `required when ${set.join(", ")} is set (${provider} is half configured)`,
        });
      }
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Secrets that unsubscribe links may be signed with: the current one first. */
export function linkSecrets(e: Env = env()): string[] {
  return [e.LINK_SECRET, ...e.LINK_SECRETS_PREVIOUS];
}

export type EnvResult = { ok: true; env: Env } | { ok: false; problems: string[] };

/** Validates a set of variables; each problem is one line naming the variable and what it expects. */
export function parseEnv(source: Record<string, string | undefined>): EnvResult {
  // An empty value (a copied .env.example line) means unset, so defaults apply.
  const set = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(set);
  if (result.success) return { ok: true, env: result.data };
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const got = source[name];
    const shown =
      got === undefined
        ? "it is not set"
        : name.includes("SECRET") || name.includes("TOKEN") || name.includes("PASSWORD") || name.includes("KEY")
          ? "the value given is not valid"
          : `got "${got}"`;
    return `Invalid environment variable ${name}: expected ${issue.message} (${shown}).`;
  });
  return { ok: false, problems };
}

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "InvalidEnvironmentError";
  }
}

let cached: Env | undefined;

/** The validated environment, parsed once. Throws InvalidEnvironmentError. */
export function env(): Env {
  if (cached) return cached;
  const result = parseEnv(process.env);
  if (!result.ok) throw new InvalidEnvironmentError(result.problems);
  cached = result.env;
  // next-auth reads its base URL from here; APP_URL is the one name operators set.
  process.env.NEXTAUTH_URL ??= cached.APP_URL;
  return cached;
}

export type ChannelStatus = { email: boolean; sms: boolean; ai: boolean };
export type Transports = { email: "postmark" | "outbox" | null; sms: "twilio" | "outbox" | null };

/**
 * Where each channel's messages go: the provider when configured; in a demo without it, the
 * built-in Outbox (a page of what would have been sent); else nowhere.
 */
export function channelTransports(e: Env = env()): Transports {
  const postmark = Boolean(e.POSTMARK_SERVER_TOKEN);
  const twilio = Boolean(e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN && e.TWILIO_FROM_NUMBER);
  return {
    email: postmark ? "postmark" : e.DEMO_MODE ? "outbox" : null,
    sms: twilio ? "twilio" : e.DEMO_MODE ? "outbox" : null,
  };
}

/** Which channels can send (a provider, or a demo's Outbox); the UI says plainly when one cannot. */
export function configuredChannels(e: Env = env()): ChannelStatus {
  const transports = channelTransports(e);
  return { email: transports.email !== null, sms: transports.sms !== null, ai: Boolean(e.OPENAI_API_KEY) };
}

/**
 * Whether Messenger and Instagram can answer: one page access token serves the page's Messenger
 * and the Instagram account linked to it. No Outbox for them: the shop never writes first there.
 */
export function metaConfigured(e: Env = env()): boolean {
  return Boolean(e.META_PAGE_ACCESS_TOKEN);
}

/** On which channels this server can answer a customer. */
export function replyConfigured(e: Env = env()) {
  const { email, sms } = configuredChannels(e);
  return { email, sms, messenger: metaConfigured(e), instagram: metaConfigured(e) };
}

/** Whether this process runs the dispatcher on a timer (not when a cron calls the route). */
export function dispatchesInProcess(e: Env = env()): boolean {
  return (e.DISPATCHER ?? (e.VERCEL ? "external" : "in-process")) === "in-process";
}
