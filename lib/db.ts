import "server-only";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createPrismaPgAdapter, databaseConfigFromUrl } from "@/lib/db/connection-config";
import { env } from "@/lib/env";

export type Db = PrismaClient;
/** A client or an interactive transaction: domain functions take `tx = db` last. */
export type DbClient = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

function createClient(): PrismaClient {
  const { DATABASE_URL, DATABASE_POOL_MAX } = env();
  return new PrismaClient({ adapter: createPrismaPgAdapter(databaseConfigFromUrl(DATABASE_URL, DATABASE_POOL_MAX)) });
}

const globalForDb = globalThis as unknown as { replyInboxDb?: PrismaClient };

function client(): PrismaClient {
  // One client per process (and across dev hot reloads); created on first use so that
  // `next build` never needs a database.
  globalForDb.replyInboxDb ??= createClient();
  return globalForDb.replyInboxDb;
}

/** The app's single path to the database, PostgreSQL or the embedded PGlite alike. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const real = client();
    const value = Reflect.get(real, property);
    return typeof value === "function" ? value.bind(real) : value;
  },
});
