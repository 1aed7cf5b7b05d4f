import { describe, expect, it } from "vitest";
import { channelTransports, configuredChannels, dispatchesInProcess, parseEnv } from "@/lib/env";

const valid = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/app",
  AUTH_SECRET: "a".repeat(32),
  LINK_SECRET: "l".repeat(32),
  CRON_SECRET: "c".repeat(16),
};

function problemsOf(source: Record<string, string | undefined>): string[] {
  const result = parseEnv(source);
  return result.ok ? [] : result.problems;
}

describe("parseEnv", () => {
  it("accepts the minimum and fills the provider defaults", () => {
    const result = parseEnv(valid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.env.APP_URL).toBe("http://localhost:3000");
    expect(result.env.POSTMARK_API_URL).toBe("https://api.postmarkapp.com");
    expect(result.env.TWILIO_API_URL).toBe("https://api.twilio.com");
    expect(result.env.OPENAI_BASE_URL).toBe("https://api.openai.com/v1");
    expect(result.env.DATABASE_POOL_MAX).toBe(10);
  });

  it("names a missing variable and says what it expects, one line each", () => {
    const problems = problemsOf({ DATABASE_URL: valid.DATABASE_URL });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(
      /^Invalid environment variable AUTH_SECRET: expected a random secret of at least 32 characters.*\(it is not set\)\.$/,
    );
    expect(problems[1]).toMatch(/^Invalid environment variable LINK_SECRET:/);
    expect(problems[2]).toMatch(/^Invalid environment variable CRON_SECRET:/);
    for (const line of problems) expect(line).not.toContain("\n");
  });

  it("names an invalid value and quotes it, except for secrets", () => {
    expect(problemsOf({ ...valid, APP_URL: "localhost:3000" })).toEqual([
      'Invalid environment variable APP_URL: expected an http(s) URL (got "localhost:3000").',
    ]);
    const [secretProblem] = problemsOf({ ...valid, AUTH_SECRET: "short-secret" });
    expect(secretProblem).toContain("AUTH_SECRET");
    expect(secretProblem).not.toContain("short-secret");
  });

  it("wants a link secret of its own, and reads the previous ones as a list", () => {
    expect(problemsOf({ ...valid, LINK_SECRET: valid.AUTH_SECRET })).toEqual([
      expect.stringMatching(/^Invalid environment variable LINK_SECRET: expected a secret of its own/),
    ]);
    const result = parseEnv({ ...valid, LINK_SECRETS_PREVIOUS: " old-one , older-one ," });
    expect(result.ok && result.env.LINK_SECRETS_PREVIOUS).toEqual(["old-one", "older-one"]);
  });

  it("rejects a non-PostgreSQL database URL", () => {
    expect(problemsOf({ ...valid, DATABASE_URL: "mysql://root@localhost/app" })[0]).toContain(
      "DATABASE_URL: expected a PostgreSQL URL",
    );
  });

  it("treats empty values as unset, as in a copied .env.example", () => {
    expect(parseEnv({ ...valid, POSTMARK_SERVER_TOKEN: "", TWILIO_ACCOUNT_SID: "", POSTMARK_API_URL: "" }).ok).toBe(
      true,
    );
  });

  it("refuses a half-configured provider, naming what is missing", () => {
    const problems = problemsOf({
      ...valid,
      TWILIO_ACCOUNT_SID: `AC${"0".repeat(32)}`,
      TWILIO_FROM_NUMBER: "+33612345678",
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      "TWILIO_AUTH_TOKEN: expected required when TWILIO_ACCOUNT_SID, TWILIO_FROM_NUMBER is set",
    );
  });

  it("checks the shape of provider values", () => {
    expect(
      problemsOf({
        ...valid,
        TWILIO_ACCOUNT_SID: "SK123",
        TWILIO_AUTH_TOKEN: "t",
        TWILIO_FROM_NUMBER: "0612345678",
      }).map((p) => p.split(":")[0]),
    ).toEqual(["Invalid environment variable TWILIO_ACCOUNT_SID", "Invalid environment variable TWILIO_FROM_NUMBER"]);
  });
});

describe("configuredChannels", () => {
  it("reports a channel only when its provider is fully configured", () => {
    const base = parseEnv(valid);
    if (!base.ok) throw new Error("fixture invalid");
    expect(configuredChannels(base.env)).toEqual({ email: false, sms: false, ai: false });
    const full = parseEnv({
      ...valid,
      POSTMARK_SERVER_TOKEN: "pm-token",
      TWILIO_ACCOUNT_SID: `AC${"a".repeat(32)}`,
      TWILIO_AUTH_TOKEN: "tw-token",
      TWILIO_FROM_NUMBER: "+33612345678",
      OPENAI_API_KEY: "sk-test",
    });
    if (!full.ok) throw new Error(full.problems.join("\n"));
    expect(configuredChannels(full.env)).toEqual({ email: true, sms: true, ai: true });
  });

  it("sends a demo's messages to the Outbox when its provider is missing, and never outside a demo", () => {
    const parsed = (source: Record<string, string>) => {
      const result = parseEnv({ ...valid, ...source });
      if (!result.ok) throw new Error(result.problems.join("\n"));
      return result.env;
    };
    expect(channelTransports(parsed({}))).toEqual({ email: null, sms: null });
    expect(channelTransports(parsed({ DEMO_MODE: "true" }))).toEqual({ email: "outbox", sms: "outbox" });
    expect(configuredChannels(parsed({ DEMO_MODE: "true" }))).toEqual({ email: true, sms: true, ai: false });
    expect(channelTransports(parsed({ DEMO_MODE: "true", POSTMARK_SERVER_TOKEN: "pm" }))).toEqual({
      email: "postmark",
      sms: "outbox",
    });
    // A demo refuses a public address, so the Outbox never stands in for a real shop's provider.
    expect(parseEnv({ ...valid, DEMO_MODE: "true", APP_URL: "https://inbox.atelier-lune.example" }).ok).toBe(false);
  });

  it("runs the dispatcher inside the server unless a cron is said to call it (or Vercel runs it)", () => {
    const parsed = (source: Record<string, string>) => {
      const result = parseEnv({ ...valid, ...source });
      if (!result.ok) throw new Error(result.problems.join("\n"));
      return result.env;
    };
    expect(dispatchesInProcess(parsed({}))).toBe(true);
    expect(parsed({}).DISPATCH_INTERVAL_SECONDS).toBe(60);
    expect(dispatchesInProcess(parsed({ DISPATCHER: "external" }))).toBe(false);
    expect(dispatchesInProcess(parsed({ VERCEL: "1" }))).toBe(false);
    expect(dispatchesInProcess(parsed({ VERCEL: "1", DISPATCHER: "in-process" }))).toBe(true);
    expect(problemsOf({ ...valid, DISPATCHER: "cron" })).toEqual([
      'Invalid environment variable DISPATCHER: expected in-process or external (got "cron").',
    ]);
    expect(problemsOf({ ...valid, DISPATCH_INTERVAL_SECONDS: "1" })[0]).toMatch(
      /^Invalid environment variable DISPATCH_INTERVAL_SECONDS/,
    );
  });
});
