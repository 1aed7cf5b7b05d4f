import { describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { GET } from "@/app/api/health/route";
import { createPrismaPgAdapter, databaseConfigFromUrl } from "@/lib/db/connection-config";
import { checkDatabase } from "@/lib/health/check-database";

describe("GET /api/health", () => {
  it("answers 200 when the database answers", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: "ok" });
  });
});

describe("checkDatabase", () => {
  it("reports an unreachable database instead of throwing", async () => {
    const unreachable = new PrismaClient({
      adapter: createPrismaPgAdapter({
        ...databaseConfigFromUrl("postgresql://postgres@127.0.0.1:1/none"),
        connectionTimeoutMillis: 2_000,
      }),
    });
    const health = await checkDatabase(unreachable);
    expect(health.ok).toBe(false);
    await unreachable.$disconnect();
  });
});
