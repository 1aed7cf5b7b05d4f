import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { createUser } from "@/lib/users/create-user";
import { changeUserRole, setUserActive } from "@/lib/users/update-user-access";
import { verifyCredentials } from "@/lib/auth/verify-credentials";

beforeEach(truncateAllTables);

describe("createUser", () => {
  it("stores a hashed password and audits the creation", async () => {
    const user = await createUser({ email: "ana@shop.test", role: "founder", password: "a-long-password" });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).not.toContain("a-long-password");
    expect(user.generatedPassword).toBeNull();
    expect(stored.name).toBe("ana");
    const audit = await db.auditLog.findMany({ where: { entityId: user.id } });
    expect(audit.map((a) => a.action)).toEqual(["user.created"]);
  });

  it("generates a password that works when none is given", async () => {
    const user = await createUser({ email: "bo@shop.test", role: "agent" });
    expect(user.generatedPassword).toHaveLength(20);
    expect(await verifyCredentials("bo@shop.test", user.generatedPassword!)).toMatchObject({
      email: "bo@shop.test",
      role: "agent",
    });
  });

  it("refuses a second user with the same email and keeps the first", async () => {
    await createUser({ email: "ana@shop.test", role: "founder", password: "first-password" });
    await expect(
      createUser({ email: "ana@shop.test", role: "agent", password: "second-password" }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await db.user.findMany()).toHaveLength(1);
    expect(await verifyCredentials("ana@shop.test", "first-password")).not.toBeNull();
  });
});

describe("verifyCredentials", () => {
  it("rejects a wrong password or an unknown email, and records a sign-in", async () => {
    await createUser({ email: "ana@shop.test", role: "manager", password: "right-password" });
    expect(await verifyCredentials("ana@shop.test", "wrong-password")).toBeNull();
    expect(await verifyCredentials("nobody@shop.test", "right-password")).toBeNull();
    const signedIn = await verifyCredentials(" ANA@shop.test ", "right-password");
    expect(signedIn).toMatchObject({ email: "ana@shop.test", role: "manager" });
    expect((await db.user.findUniqueOrThrow({ where: { email: "ana@shop.test" } })).lastSignInAt).not.toBeNull();
  });

  it("refuses a deactivated user, and accepts them again once reactivated", async () => {
    const admin = await createUser({ email: "admin@shop.test", role: "admin", password: "admin-password" });
    const agent = await createUser({ email: "agent@shop.test", role: "agent", password: "agent-password" });
    await setUserActive(agent.id, false, admin.id);
    expect(await verifyCredentials("agent@shop.test", "agent-password")).toBeNull();
    await setUserActive(agent.id, true, admin.id);
    expect(await verifyCredentials("agent@shop.test", "agent-password")).not.toBeNull();
  });
});

describe("user access changes", () => {
  it("never leaves the shop without an active admin", async () => {
    const admin = await createUser({ email: "admin@shop.test", role: "admin", password: "admin-password" });
    const founder = await createUser({ email: "founder@shop.test", role: "founder", password: "founder-password" });
    await expect(changeUserRole(admin.id, "agent", founder.id)).rejects.toMatchObject({ code: "conflict" });
    await expect(setUserActive(admin.id, false, admin.id)).rejects.toMatchObject({ code: "conflict" });
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("admin");

    await changeUserRole(founder.id, "admin", admin.id);
    await changeUserRole(admin.id, "agent", founder.id);
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("agent");
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "user.role_changed", entityId: admin.id } });
    expect(audit.data).toEqual({ from: "admin", to: "agent" });
  });

  it("answers not_found for a user that does not exist", async () => {
    const admin = await createUser({ email: "admin@shop.test", role: "admin", password: "admin-password" });
    await expect(changeUserRole("missing", "agent", admin.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
