import { describe, expect, it } from "vitest";
import { configuredChannels, parseEnv } from "@/lib/env";

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
    expect(problems[0]).toMatch(/^Invalid environment variable AUTH_SECRET: expected a random secret of at least 32 characters.*\(it is not set\)\.$/);
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
    expect(problemsOf({ ...valid, LINK_SECRET: valid.AUTH_SECRET })).toEqual([expect.stringMatching(/^Invalid environment variable LINK_SECRET: expected a secret of its own/)]);
    const result = parseEnv({ ...valid, LINK_SECRETS_PREVIOUS: " old-one , older-one ," });
    expect(result.ok && result.env.LINK_SECRETS_PREVIOUS).toEqual(["old-one", "older-one"]);
  });

  it("rejects a non-PostgreSQL database URL", () => {
    expect(problemsOf({ ...valid, DATABASE_URL: "mysql://root@localhost/app" })[0]).toContain("DATABASE_URL: expected a PostgreSQL URL");
  });

  it("treats empty values as unset, as in a copied .env.example", () => {
    expect(parseEnv({ ...valid, POSTMARK_SERVER_TOKEN: "", TWILIO_ACCOUNT_SID: "", POSTMARK_API_URL: "" }).ok).toBe(true);
  });

  it("refuses a half-configured provider, naming what is missing", () => {
    const problems = problemsOf({ ...valid, TWILIO_ACCOUNT_SID: `AC${"0".repeat(32)}`, TWILIO_FROM_NUMBER: "+33612345678" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("TWILIO_AUTH_TOKEN: expected required when TWILIO_ACCOUNT_SID, TWILIO_FROM_NUMBER is set");
  });

  it("checks the shape of provider values", () => {
    expect(problemsOf({ ...valid, TWILIO_ACCOUNT_SID: "SK123", TWILIO_AUTH_TOKEN: "t", TWILIO_FROM_NUMBER: "0612345678" }).map((p) => p.split(":")[0])).toEqual([
      "Invalid environment variable TWILIO_ACCOUNT_SID",
      "Invalid environment variable TWILIO_FROM_NUMBER",
    ]);
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
});
