import { beforeEach, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { changeOwnPassword, changePasswordSchema, resetUserPassword } from "@/lib/users/passwords";
import { createFirstAdmin, needsFirstAdmin } from "@/lib/users/first-admin";
import { firstRunCode } from "@/lib/users/first-admin-code";

// #11: users change their password, an admin resets someone's, and either ends that user's
// other sessions (the session version in their tokens no longer matches).

beforeEach(truncateAllTables);

async function makeUser(role: "agent" | "admin" = "agent", email = "ana@atelier-lune.fr") {
  return db.user.create({
    data: { email, name: email.split("@")[0]!, role, passwordHash: await hashPassword("the-old-password") },
  });
}

const change = {
  currentPassword: "the-old-password",
  newPassword: "a-brand-new-password",
  confirmPassword: "a-brand-new-password",
};

describe("changeOwnPassword", () => {
  it("checks the current password, stores the new one, bumps the session version and audits", async () => {
    const user = await makeUser();
    const { sessionVersion } = await changeOwnPassword(user.id, change, "198.51.100.7");
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(sessionVersion).toBe(1);
    expect(after.sessionVersion).toBe(1);
    expect(await verifyPassword("a-brand-new-password", after.passwordHash)).toBe(true);
    expect(await db.auditLog.findFirstOrThrow()).toMatchObject({
      action: "user.password_changed",
      actorUserId: user.id,
    });
  });

  it("refuses a wrong current password and changes nothing", async () => {
    const user = await makeUser();
    await expect(
      changeOwnPassword(user.id, { ...change, currentPassword: "wrong" }, "198.51.100.7"),
    ).rejects.toMatchObject({ code: "bad_request", message: "The current password is not right." });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(0);
  });

  it("throttles guesses of the current password like sign-ins", async () => {
    const user = await makeUser();
    for (let i = 0; i < 5; i++)
      await changeOwnPassword(user.id, { ...change, currentPassword: `guess-${i}` }, "198.51.100.7").catch(() => {});
    await expect(changeOwnPassword(user.id, change, "198.51.100.7")).rejects.toMatchObject({
      code: "too_many_requests",
    });
  });

  it("asks for a confirmation that matches and a long enough password", () => {
    const result = changePasswordSchema.safeParse({
      currentPassword: "x",
      newPassword: "short",
      confirmPassword: "other",
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["newPassword", "confirmPassword"]);
  });
});

describe("resetUserPassword", () => {
  it("gives someone a generated password, shown once, and ends their sessions", async () => {
    const admin = await makeUser("admin", "admin@atelier-lune.fr");
    const agent = await makeUser("agent");
    const { generatedPassword } = await resetUserPassword({ userId: agent.id }, admin.id);
    expect(generatedPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    const after = await db.user.findUniqueOrThrow({ where: { id: agent.id } });
    expect(after.sessionVersion).toBe(1);
    expect(await verifyPassword(generatedPassword!, after.passwordHash)).toBe(true);
    expect(await db.auditLog.findFirstOrThrow()).toMatchObject({
      action: "user.password_reset",
      actorUserId: admin.id,
      entityId: agent.id,
    });
  });

  it("refuses to reset the admin's own password (that asks for the current one)", async () => {
    const admin = await makeUser("admin", "admin@atelier-lune.fr");
    await expect(resetUserPassword({ userId: admin.id }, admin.id)).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("the first admin", () => {
  const input = {
    name: "Ana",
    email: "ana@atelier-lune.fr",
    password: "a-strong-password-1",
    confirmPassword: "a-strong-password-1",
  };

  it("is created with the set-up code, once, even when two people race", async () => {
    expect(await needsFirstAdmin()).toBe(true);
    await expect(createFirstAdmin({ ...input, code: "WRONG-CODE-HERE" })).rejects.toMatchObject({ code: "forbidden" });
    const results = await Promise.allSettled([
      createFirstAdmin({ ...input, code: firstRunCode(process.env.AUTH_SECRET!) }),
      createFirstAdmin({
        ...input,
        email: "mallory@example.org",
        code: firstRunCode(process.env.AUTH_SECRET!).toLowerCase(),
      }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count()).toBe(1);
    expect(await needsFirstAdmin()).toBe(false);
    await expect(
      createFirstAdmin({ ...input, email: "late@example.org", code: firstRunCode(process.env.AUTH_SECRET!) }),
    ).rejects.toMatchObject({ code: "conflict" });
  });
});
