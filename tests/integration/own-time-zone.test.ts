import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { createUser } from "@/lib/users/create-user";
import { updateOwnTimeZone } from "@/lib/users/update-own-time-zone";

beforeEach(truncateAllTables);

const storedZone = async (id: string) =>
  (await db.user.findUniqueOrThrow({ where: { id }, select: { timeZone: true } })).timeZone;

describe("updateOwnTimeZone", () => {
  it("starts on the browser's zone (nothing stored), stores a chosen zone in its canonical spelling, and clears it for automatic", async () => {
    const agent = await createUser({ email: "agent@shop.test", role: "agent", password: "agent-password" });
    expect(await storedZone(agent.id)).toBeNull();

    expect(await updateOwnTimeZone(agent.id, "asia/tokyo")).toBe("Asia/Tokyo");
    expect(await storedZone(agent.id)).toBe("Asia/Tokyo");

    expect(await updateOwnTimeZone(agent.id, "auto")).toBe("auto");
    expect(await storedZone(agent.id)).toBeNull();
  });

  it("refuses a zone Intl does not know and keeps the stored one", async () => {
    const agent = await createUser({ email: "agent@shop.test", role: "agent", password: "agent-password" });
    await updateOwnTimeZone(agent.id, "Europe/Paris");
    await expect(updateOwnTimeZone(agent.id, "Mars/Olympus")).rejects.toMatchObject({ code: "bad_request" });
    expect(await storedZone(agent.id)).toBe("Europe/Paris");
  });
});
