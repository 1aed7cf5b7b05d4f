import { afterEach, describe, expect, it, vi } from "vitest";
import { describeError, logError, redact } from "@/lib/log";

describe("redact", () => {
  it("masks email addresses, E.164 numbers and configured secrets", () => {
    const line = redact(
      "bounce for Ana.Lopez+shop@example.co.uk and +33 6 12 34 56 78 (token sk-live-0123456789abcdef)",
      ["sk-live-0123456789abcdef"],
    );
    expect(line).toBe("bounce for [email] and [phone] (token [secret])");
  });

  it("masks the credentials of a database URL", () => {
    expect(redact("connect ECONNREFUSED postgresql://app:s3cr3t-pw@db.internal:5432/reply", [])).toBe(
      "connect ECONNREFUSED postgresql://[credentials]@db.internal:5432/reply",
    );
  });

  it("leaves ids, dates and counts alone", () => {
    expect(redact("message cm3x9 at 2026-11-29T10:00:00Z failed after 3 attempts", [])).toBe(
      "message cm3x9 at 2026-11-29T10:00:00Z failed after 3 attempts",
    );
  });
});

describe("logError", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes the whole error with its cause, redacted", () => {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
    const cause = new Error("duplicate key for camille@example.net");
    logError("postmark inbound webhook", "failed", new Error("could not store the mail", { cause }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[postmark inbound webhook\] failed\nError: could not store the mail\n\s+at /);
    expect(lines[0]).toContain("Caused by:\nError: duplicate key for [email]");
    expect(lines[0]).not.toContain("camille@example.net");
  });

  it("describes a thrown non-Error as text", () => {
    expect(describeError("plain string")).toBe("plain string");
  });

  it("writes out a cause that is a plain object (the database's code), not [object Object]", () => {
    const error = new Error("deadlock detected", { cause: { kind: "postgres", originalCode: "40P01" } });
    expect(describeError(error)).toContain('Caused by:\n{"kind":"postgres","originalCode":"40P01"}');
  });
});
