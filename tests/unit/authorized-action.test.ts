import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));

const { authorizedAction } = await import("@/lib/auth/authorized-action");

const manager: CurrentUser = { id: "u1", email: "m@shop.test", name: "Marc", role: "manager" };
const agent: CurrentUser = { ...manager, id: "u2", role: "agent" };

describe("authorizedAction", () => {
  const handler = vi.fn(async (input: { name: string }, user: CurrentUser) => `${input.name} by ${user.name}`);
  const action = authorizedAction("reports.read", z.object({ name: z.string().min(2, "too short") }), handler);

  beforeEach(() => {
    handler.mockClear();
    session.user = null;
  });

  it("refuses a signed-out caller without running the handler", async () => {
    expect(await action({ name: "ok" })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(handler).not.toHaveBeenCalled();
  });

  it("refuses a role without the permission", async () => {
    session.user = agent;
    expect(await action({ name: "ok" })).toEqual({ ok: false, code: "forbidden", error: "Your role (agent) is not allowed to do this." });
    expect(handler).not.toHaveBeenCalled();
  });

  it("returns field errors for invalid input", async () => {
    session.user = manager;
    expect(await action({ name: "x" })).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { name: ["too short"] } });
    expect(handler).not.toHaveBeenCalled();
  });

  it("runs the handler with the parsed input and the user", async () => {
    session.user = manager;
    expect(await action({ name: "report", extra: "dropped" })).toEqual({ ok: true, data: "report by Marc" });
  });

  it("passes an AppError's message through and hides anything else", async () => {
    session.user = manager;
    handler.mockRejectedValueOnce(new AppError("conflict", "Already there."));
    expect(await action({ name: "ok" })).toEqual({ ok: false, code: "conflict", error: "Already there." });
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    handler.mockRejectedValueOnce(new Error("connection refused at 10.0.0.3"));
    const result = await action({ name: "ok" });
    expect(result).toMatchObject({ ok: false, code: "internal" });
    expect(JSON.stringify(result)).not.toContain("10.0.0.3");
    quiet.mockRestore();
  });
});
