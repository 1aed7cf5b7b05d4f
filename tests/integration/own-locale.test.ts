import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { createUser } from "@/lib/users/create-user";
import { updateOwnLocale } from "@/lib/users/update-own-locale";

beforeEach(truncateAllTables);

const storedLocale = async (id: string) =>
  (await db.user.findUniqueOrThrow({ where: { id }, select: { locale: true } })).locale;

describe("updateOwnLocale", () => {
  it("starts on automatic (no stored language), stores a chosen one, and clears it again for automatic", async () => {
    const agent = await createUser({ email: "agent@shop.test", role: "agent", password: "agent-password" });
    expect(await storedLocale(agent.id)).toBeNull();

    expect(await updateOwnLocale(agent.id, "fr")).toBe("fr");
    expect(await storedLocale(agent.id)).toBe("fr");

    expect(await updateOwnLocale(agent.id, "en")).toBe("en");
    expect(await storedLocale(agent.id)).toBe("en");

    expect(await updateOwnLocale(agent.id, "auto")).toBe("auto");
    expect(await storedLocale(agent.id)).toBeNull();
  });

  it("changes only that user's language", async () => {
    const agent = await createUser({ email: "agent@shop.test", role: "agent", password: "agent-password" });
    const founder = await createUser({ email: "founder@shop.test", role: "founder", password: "founder-password" });
    await updateOwnLocale(founder.id, "en");
    await updateOwnLocale(agent.id, "fr");
    expect(await storedLocale(founder.id)).toBe("en");
    expect(await storedLocale(agent.id)).toBe("fr");
  });

  it("composes in a caller's transaction", async () => {
    const agent = await createUser({ email: "agent@shop.test", role: "agent", password: "agent-password" });
    await expect(
      db.$transaction(async (tx) => {
        await updateOwnLocale(agent.id, "fr", tx);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await storedLocale(agent.id)).toBeNull();
  });
});
