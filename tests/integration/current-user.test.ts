import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";

// #11: a session issued before a password change or reset (an older session version) is no
// longer a session; a deactivated or demo user's neither.

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; sessionVersion?: number } } }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => session.current,
}));
// React's request cache is not active outside a request: each call reads afresh.
vi.mock("react", async (importOriginal) => ({
  ...(await importOriginal<typeof import("react")>()),
  cache: <T>(fn: T) => fn,
}));

const { getCurrentUser } = await import("@/lib/auth/current-user");

beforeEach(truncateAllTables);

async function makeUser(overrides: { sessionVersion?: number; email?: string; deactivatedAt?: Date } = {}) {
  return db.user.create({
    data: {
      email: overrides.email ?? "ana@atelier-lune.fr",
      name: "Ana",
      role: "agent",
      passwordHash: "x",
      sessionVersion: overrides.sessionVersion ?? 0,
      deactivatedAt: overrides.deactivatedAt,
    },
  });
}

describe("getCurrentUser", () => {
  it("accepts a session of the user's current version", async () => {
    const user = await makeUser({ sessionVersion: 3 });
    session.current = { user: { id: user.id, sessionVersion: 3 } };
    expect(await getCurrentUser()).toMatchObject({ id: user.id, role: "agent" });
  });

  it("refuses a session issued before the password changed", async () => {
    const user = await makeUser({ sessionVersion: 1 });
    session.current = { user: { id: user.id, sessionVersion: 0 } };
    expect(await getCurrentUser()).toBeNull();
    session.current = { user: { id: user.id } };
    expect(await getCurrentUser()).toBeNull();
  });

  it("refuses a deactivated user and, outside demo mode, a demo user", async () => {
    const gone = await makeUser({ deactivatedAt: new Date() });
    session.current = { user: { id: gone.id, sessionVersion: 0 } };
    expect(await getCurrentUser()).toBeNull();
    const demo = await makeUser({ email: "agent@demo.replyinbox.test" });
    session.current = { user: { id: demo.id, sessionVersion: 0 } };
    expect(await getCurrentUser()).toBeNull();
  });
});
