// Turns DATABASE_URL into the pg config that both the app (lib/db.ts) and the Prisma CLI
// (prisma.config.ts) hand to the driver adapter. No "server-only" here: the CLI loads it too.
import pg from "pg";
import { parse } from "pg-connection-string";
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";

// Postgres `name` (oid 19) and `"char"` (oid 18) columns, which migrate's catalog queries
// return, cannot be read by the adapter (prisma/orm#27403); they are plain text on the wire.
const UNREADABLE_TYPE_OIDS = new Set([18, 19]);
const TEXT_OID = 25;

type QueryResultLike = { fields?: { dataTypeID: number }[] };

function readCatalogTypesAsText<T>(result: T): T {
  const results = Array.isArray(result) ? result : [result];
  for (const r of results as QueryResultLike[]) {
    for (const field of r?.fields ?? []) {
      if (UNREADABLE_TYPE_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

class CatalogSafeClient extends pg.Client {
  // pg's query has many overloads; this wrapper only post-processes the result.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (err: Error | null, res: unknown) => last(err, err ? res : readCatalogTypesAsText(res));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (super.query as any)(...args);
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const returned = (super.query as any)(...args);
    return returned && typeof returned.then === "function" ? returned.then(readCatalogTypesAsText) : returned;
  }
}

export type DatabaseConfig = pg.PoolConfig;

/** Discrete pg fields (not a connection string) so Prisma can derive a shadow database. */
export function databaseConfigFromUrl(url: string, poolMax = 10): DatabaseConfig {
  const parsed = parse(url);
  return {
    host: parsed.host ?? "127.0.0.1",
    port: parsed.port ? Number(parsed.port) : 5432,
    user: parsed.user ?? undefined,
    password: parsed.password ?? undefined,
    database: parsed.database ?? undefined,
    ssl: parsed.ssl === false || parsed.ssl === undefined ? false : (parsed.ssl as pg.PoolConfig["ssl"]),
    max: poolMax,
    Client: CatalogSafeClient,
  };
}

type ConnectedAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * Runs a migration script as one simple query, as Prisma's native engine does: PrismaPg 6.19
 * splits it on every ";" (breaking PL/pgSQL bodies) and runs the pieces one by one, so a failing
 * migration was left half applied. Sent whole, PostgreSQL runs it in one implicit transaction.
 */
function runScriptsWhole(adapter: ConnectedAdapter): ConnectedAdapter {
  const internals = adapter as unknown as { client: pg.Pool | pg.PoolClient; onError(error: unknown): never };
  adapter.executeScript = async (script: string) => {
    try {
      await internals.client.query(script);
    } catch (error) {
      internals.onError(error);
    }
  };
  return adapter;
}

/**
 * The adapter factory, with whole migration scripts (above) and a shadow database that is really
 * dropped afterwards (PrismaPg 6.19 drops it while its own pool still holds it open, and leaks it).
 */
export function createPrismaPgAdapter(config: DatabaseConfig): PrismaPg {
  const factory = new PrismaPg(config);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => runScriptsWhole(await connect());
  factory.connectToShadowDb = async () => {
    const admin = await factory.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "")}`;
    await admin.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = runScriptsWhole(await new PrismaPg({ ...config, database }).connect());
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await disposeShadow();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.dispose();
    };
    return shadow;
  };
  return factory;
}
