// The throwaway database the scale benches fill: created next to DATABASE_URL's, migrated, handed
// to the bench with a client of the app's kind, and dropped after (unless kept for a look).
import { spawnSync } from "node:child_process";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createPrismaPgAdapter, databaseConfigFromUrl } from "@/lib/db/connection-config";

type Bench = {
  url: string;
  fill: (client: pg.Client, url: string) => Promise<void>;
  measure: (prisma: PrismaClient) => Promise<void>;
};

export async function withThrowawayDatabase(
  options: { label: string; name: string; keep: boolean; poolSize: number },
  bench: Omit<Bench, "url">,
): Promise<void> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error("DATABASE_URL is not set");
  const admin = new pg.Client(databaseConfigFromUrl(baseUrl));
  await admin.connect();
  const [{ version }] = (await admin.query<{ version: string }>("SELECT version()")).rows as [{ version: string }];
  if (/PGlite/i.test(version)) {
    await admin.end();
    console.log(
      `\n${options.label} bench skipped: it needs PostgreSQL (run it with DATABASE_URL=postgresql://… npm run bench).`,
    );
    return;
  }
  const url = new URL(baseUrl);
  url.pathname = `/${options.name}`;
  await admin.query(`DROP DATABASE IF EXISTS "${options.name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${options.name}"`);
  let prisma: PrismaClient | null = null;
  try {
    const migrate = spawnSync("npx", ["prisma", "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: url.toString() },
      encoding: "utf8",
    });
    if (migrate.status !== 0) throw new Error(`prisma migrate deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);
    const client = new pg.Client(databaseConfigFromUrl(url.toString()));
    await client.connect();
    try {
      await bench.fill(client, url.toString());
    } finally {
      await client.end();
    }
    prisma = new PrismaClient({
      adapter: createPrismaPgAdapter(databaseConfigFromUrl(url.toString(), options.poolSize)),
    });
    await bench.measure(prisma);
  } finally {
    await prisma?.$disconnect();
    if (options.keep) console.log(`kept ${options.name}`);
    else await admin.query(`DROP DATABASE IF EXISTS "${options.name}" WITH (FORCE)`);
    await admin.end();
  }
}
