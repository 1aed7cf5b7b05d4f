import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, PasswordCheckBusyError, verifyPassword } from "@/lib/auth/password";
import { newUserSchema } from "@/lib/users/user-input";

describe("passwords", () => {
  it("verifies the right password and rejects another", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).not.toContain("correct horse battery");
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
  });

  it("generates distinct passwords without look-alike characters", () => {
    const passwords = Array.from({ length: 50 }, () => generatePassword());
    expect(new Set(passwords).size).toBe(50);
    for (const password of passwords) expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
  });
});

describe("new user input", () => {
  it("normalises the email and accepts a short domain", () => {
    expect(newUserSchema.parse({ email: "  Ana@B.C ", role: "founder" })).toEqual({
      email: "ana@b.c",
      role: "founder",
    });
  });

  it("explains a bad role, email or password", () => {
    const result = newUserSchema.safeParse({ email: "nope", role: "boss", password: "short" });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]));
    expect(messages).toEqual({
      email: "must be a valid email address",
      role: "must be one of agent, founder, manager, admin",
      password: "must be at least 10 characters",
    });
  });
});

describe("password checks under a flood", () => {
  it("runs two at a time with a short queue, and tells the rest to come back", async () => {
    const hash = await hashPassword("right-password");
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => verifyPassword("wrong-password", hash)));
    const busy = results.filter((r) => r.status === "rejected" && r.reason instanceof PasswordCheckBusyError);
    expect(busy).toHaveLength(30 - 2 - 16);
    expect(results.filter((r) => r.status === "fulfilled" && r.value === false)).toHaveLength(18);
    expect(await verifyPassword("right-password", hash)).toBe(true);
    // Eighteen bcrypt hashes, two at a time: room for a loaded machine (this asserts counts, not speed).
  }, 30_000);
});
