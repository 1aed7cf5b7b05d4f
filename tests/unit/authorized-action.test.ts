import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
const ui = vi.hoisted(() => ({ locale: "en" as "en" | "fr" }));
// The users these tests sign in keep the default preferences (follow the browser).
vi.mock("@/lib/auth/current-user", () => ({
  getCurrentUser: async () => session.user,
  getCurrentUserPreferences: async () => ({ locale: "auto", timeZone: "auto" }),
}));
vi.mock("@/lib/auth/viewer-locale", () => ({ getUiLocale: async () => ui.locale }));

const { authorizedAction } = await import("@/lib/auth/authorized-action");

const manager: CurrentUser = { id: "u1", email: "m@shop.test", name: "Marc", role: "manager" };
const agent: CurrentUser = { ...manager, id: "u2", role: "agent" };

describe("authorizedAction", () => {
  const handler = vi.fn(async (input: { name: string }, user: CurrentUser) => `${input.name} by ${user.name}`);
  const action = authorizedAction("reports.read", z.object({ name: z.string().min(2, "too short") }), handler);

  beforeEach(() => {
    handler.mockClear();
    session.user = null;
    ui.locale = "en";
  });

  it("refuses a signed-out caller without running the handler", async () => {
    expect(await action({ name: "ok" })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(handler).not.toHaveBeenCalled();
  });

  it("refuses a role without the permission", async () => {
    session.user = agent;
    expect(await action({ name: "ok" })).toEqual({
      ok: false,
      code: "forbidden",
      error: "Your role (agent) is not allowed to do this.",
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("returns field errors for invalid input, naming the field in the user's language", async () => {
    session.user = manager;
    expect(await action({ name: "x" })).toMatchObject({
      ok: false,
      code: "invalid_input",
      error: "Some fields need fixing.",
      fieldErrors: { name: ["The name must be at least 2 characters."] },
    });
    ui.locale = "fr";
    expect(await action({ name: "x" })).toMatchObject({
      ok: false,
      code: "invalid_input",
      error: "Certains champs sont à corriger.",
      fieldErrors: { name: ["Le nom doit contenir au moins 2 caractères."] },
    });
    expect(await action({})).toMatchObject({ fieldErrors: { name: ["Le nom est obligatoire."] } });
    expect(handler).not.toHaveBeenCalled();
  });

  it("words an error thrown with a key in the user's language, with translated values", async () => {
    session.user = manager;
    ui.locale = "fr";
    handler.mockRejectedValueOnce(
      AppError.because("bad_request", "cannotReplyByEmail", { reason: { key: "channel_email_not_configured" } }),
    );
    expect(await action({ name: "ok" })).toEqual({
      ok: false,
      code: "bad_request",
      error: "Impossible de répondre par e-mail : L'e-mail n'est pas configuré (POSTMARK_SERVER_TOKEN).",
    });
    expect(AppError.because("bad_request", "cannotReplyBySms", { reason: { key: "channel_no_phone" } }).message).toBe(
      "Cannot reply by SMS: The customer has no phone number.",
    );
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
