import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { createUser } from "@/lib/users/create-user";
import { DEFAULT_SAVED_REPLIES } from "@/lib/saved-replies/default-saved-replies";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({
  getCurrentUser: async () => session.user,
  getCurrentUserPreferences: async () => ({ locale: "auto", timeZone: "auto" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createSavedReplyAction, updateSavedReplyAction, deleteSavedReplyAction } =
  await import("@/app/(app)/saved-replies/actions");
const { saveShopSettings } = await import("@/app/(app)/settings/actions");
const { listSavedReplies } = await import("@/lib/saved-replies/saved-replies");

beforeEach(async () => {
  await truncateAllTables();
  session.user = null;
});

async function signIn(role: "agent" | "founder" | "admin", name = "Sofia") {
  const user = await createUser({ email: `${name.toLowerCase()}@shop.test`, name, role, password: "a-long-password" });
  session.user = { ...user, sessionVersion: 0 } as CurrentUser;
  return user;
}

const returns = {
  name: "Retour : étiquette",
  folder: "Retours",
  locale: "fr" as const,
  body: "Bonjour {{firstName}},\n\nVoici l'étiquette pour renvoyer votre {{productName}}. Répondez-moi si besoin.",
};

describe("saved replies, managed by the team", () => {
  it("an agent creates, edits and deletes one, with no approval and an audit entry each", async () => {
    const agent = await signIn("agent");
    const created = await createSavedReplyAction(returns);
    if (!created.ok) throw new Error(created.error);
    expect(await listSavedReplies()).toMatchObject([
      { name: "Retour : étiquette", folder: "Retours", updatedBy: "Sofia" },
    ]);

    const updated = await updateSavedReplyAction({ ...returns, id: created.data.id, folder: "Livraison" });
    expect(updated.ok).toBe(true);
    expect((await listSavedReplies())[0]!.folder).toBe("Livraison");

    expect(await deleteSavedReplyAction({ id: created.data.id })).toEqual({ ok: true, data: undefined });
    expect(await listSavedReplies()).toEqual([]);
    const audit = await db.auditLog.findMany({ where: { actorUserId: agent.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual([
      "saved_reply.created",
      "saved_reply.updated",
      "saved_reply.deleted",
    ]);
  });

  it("says clearly what is wrong: a name taken in that language, a variable a reply cannot fill, a reply deleted meanwhile", async () => {
    await signIn("agent");
    await createSavedReplyAction(returns);
    expect(await createSavedReplyAction(returns)).toMatchObject({
      ok: false,
      code: "conflict",
      error: "A saved reply in this language already has that name.",
    });
    // Same name in English is another reply.
    expect((await createSavedReplyAction({ ...returns, locale: "en" })).ok).toBe(true);

    const checkout = await createSavedReplyAction({
      ...returns,
      name: "Panier",
      body: "Votre panier : {{checkoutLink}} et {{prenom}}",
    });
    expect(checkout).toMatchObject({ ok: false, code: "bad_request" });
    expect(!checkout.ok && checkout.error).toContain("{{prenom}}, {{checkoutLink}} cannot be filled in a reply");

    expect(await createSavedReplyAction({ ...returns, name: " ", body: "" })).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { name: expect.any(Array), body: expect.any(Array) },
    });
    expect(await updateSavedReplyAction({ ...returns, id: "gone" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await db.savedReply.count()).toBe(2);
  });

  it("refuses a signed-out visitor", async () => {
    expect(await createSavedReplyAction(returns)).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await db.savedReply.count()).toBe(0);
  });

  it("a new shop starts with the founder-voice replies, once: what the team deletes stays deleted", async () => {
    await signIn("founder", "Camille");
    const settings = {
      shopName: "Atelier Lune",
      founderName: "Camille",
      founderSignature: "Camille",
      senderEmail: "camille@shop.test",
      timeZone: "Europe/Paris",
      defaultLocale: "fr",
      reviewUrl: "https://shop.test/avis",
    };
    expect((await saveShopSettings(settings)).ok).toBe(true);
    const seeded = await listSavedReplies("fr");
    expect(seeded).toHaveLength(DEFAULT_SAVED_REPLIES.length);
    expect(seeded[0]!.locale).toBe("fr");
    expect(seeded.map((reply) => reply.name)).toContain("C'est réparé");

    await db.savedReply.deleteMany({ where: { locale: "en" } });
    expect((await saveShopSettings({ ...settings, shopName: "Atelier Lune & Co" })).ok).toBe(true);
    expect(await db.savedReply.count({ where: { locale: "en" } })).toBe(0);
  });
});
