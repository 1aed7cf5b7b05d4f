import "server-only";
import { db } from "@/lib/db";
import { settleBackgroundWork } from "@/lib/http/run-after-response";

/** Empties every table but the migrations history. For `db:seed --force` and tests only. */
export async function truncateAllTables(): Promise<void> {
  // Work left running after a response (classification, webhook counts) would write after the wipe.
  await settleBackgroundWork();
  const tables = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`;
  if (tables.length === 0) return;
  await db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} CASCADE`);
}
