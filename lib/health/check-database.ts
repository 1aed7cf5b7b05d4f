import "server-only";
import { db, type DbClient } from "@/lib/db";

export type DatabaseHealth = { ok: true; latencyMs: number } | { ok: false; error: string };

export async function checkDatabase(client: Pick<DbClient, "$queryRaw"> = db): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    await client.$queryRaw`SELECT 1`;
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    // The message may name hosts; it is fine for operators, and holds no customer data.
    return { ok: false, error: error instanceof Error ? error.message.split("\n")[0]! : "unreachable" };
  }
}
