import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";

describe("migrations", () => {
  it("produce exactly the schema in schema.prisma (no drift)", () => {
    // Replays prisma/migrations into a shadow database and diffs it against schema.prisma.
    const diff = spawnSync(
      "npx",
      [
        "prisma",
        "migrate",
        "diff",
        "--from-migrations",
        "prisma/migrations",
        "--to-schema-datamodel",
        "prisma/schema.prisma",
        "--script",
        "--exit-code",
      ],
      { env: process.env, encoding: "utf8" },
    );
    expect(diff.stderr).not.toMatch(/Error/);
    expect(diff.stdout).toContain("-- This is an empty migration.");
    expect(diff.status).toBe(0);
  });

  it("leave no shadow database behind", async () => {
    const leftovers = await db.$queryRaw<
      { datname: string }[]
    >`SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'`;
    expect(leftovers).toEqual([]);
  });

  it("index what the inbox lists by", async () => {
    const indexes = await db.$queryRaw<
      { indexdef: string }[]
    >`SELECT indexdef FROM pg_indexes WHERE tablename = 'Conversation'`;
    const columnLists = indexes.map((i) => i.indexdef.replaceAll('"', "").replace(/^.*USING btree /, ""));
    // One per view, in the view's order (lib/inbox/list-conversations.ts).
    expect(columnLists).toContain("(status, lastMessageAt DESC, id DESC)");
    expect(columnLists).toContain("(isOpen, lastMessageAt DESC, id DESC)");
    expect(columnLists).toContain("(needsHuman, isOpen, priority DESC, waitingSince, id)");
    expect(columnLists).toContain("(assigneeId, isOpen, lastMessageAt DESC, id DESC)");
  });
});
