// Runs a command (next start, prisma migrate deploy, a CLI...) against the app's database:
// DATABASE_URL when set, otherwise the embedded PGlite database under .data/, served on a
// local port so the app keeps its single pg path. The first process to need the embedded
// database hosts it; later ones (a CLI while the app runs) connect to the same server.
import { loadEnvConfig } from "@next/env";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: tsx scripts/with-database.ts <command> [args...]");
  process.exit(2);
}

loadEnvConfig(process.cwd(), command === "next" && args[0] === "dev", { info: () => {}, error: console.error });

type EmbeddedLock = { pid: number; port: number };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readLock(lockFile: string): EmbeddedLock | null {
  if (!existsSync(lockFile)) return null;
  try {
    const lock = JSON.parse(readFileSync(lockFile, "utf8")) as EmbeddedLock;
    return isAlive(lock.pid) ? lock : null;
  } catch {
    return null;
  }
}

async function startEmbeddedDatabase(dataDir: string, port: number) {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  // Contrib extensions the migrations create (inbox search: trigram indexes, accent-free French).
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { unaccent } = await import("@electric-sql/pglite/contrib/unaccent");
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const pglite = await PGlite.create(dataDir, { extensions: { pg_trgm, unaccent } });
  const server = new PGLiteSocketServer({ db: pglite, port, host: "127.0.0.1", maxConnections: 16 });
  await server.start();
  return async () => {
    await server.stop();
    await pglite.close();
  };
}

function embeddedUrl(port: number) {
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}

async function main() {
  let stopEmbedded: (() => Promise<void>) | null = null;
  const childEnv: NodeJS.ProcessEnv = { ...process.env };

  if (!process.env.DATABASE_URL) {
    const dataDir = path.resolve(process.env.EMBEDDED_DATABASE_DIR || ".data/pglite");
    const lockFile = `${dataDir}.lock.json`;
    const existing = readLock(lockFile);
    let port: number;
    if (existing) {
      port = existing.port;
    } else {
      port = Number(process.env.EMBEDDED_DATABASE_PORT || 54329);
      try {
        stopEmbedded = await startEmbeddedDatabase(dataDir, port);
      } catch (error) {
        console.error(
          `Could not start the embedded database on 127.0.0.1:${port} (${(error as Error).message}). Set EMBEDDED_DATABASE_PORT or DATABASE_URL.`,
        );
        process.exit(1);
      }
      writeFileSync(lockFile, JSON.stringify({ pid: process.pid, port } satisfies EmbeddedLock));
      const release = stopEmbedded;
      stopEmbedded = async () => {
        rmSync(lockFile, { force: true });
        await release();
      };
      console.log(
        `Embedded database (PGlite) at ${path.relative(process.cwd(), dataDir)}, served on 127.0.0.1:${port}`,
      );
    }
    childEnv.DATABASE_URL = embeddedUrl(port);
    // PGlite is a single session: one connection per process keeps transactions whole.
    childEnv.DATABASE_POOL_MAX = "1";
  }

  // A demo publishes its passwords: it listens on this machine only, whatever APP_URL says.
  const demo = ["true", "1"].includes(process.env.DEMO_MODE ?? "");
  const serving = command === "next" && (args[0] === "start" || args[0] === "dev");
  const bound = args.some((arg) => arg === "-H" || arg === "--hostname" || arg.startsWith("--hostname="));
  const finalArgs = demo && serving && !bound ? [...args, "-H", "localhost"] : args;
  if (finalArgs !== args) console.log("Demo mode: listening on localhost only.");

  const child = spawn(command!, finalArgs, { stdio: "inherit", env: childEnv });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on("error", async (error) => {
    console.error(`Could not run ${command}: ${error.message}`);
    await stopEmbedded?.();
    process.exit(127);
  });
  child.on("exit", async (code, signal) => {
    await stopEmbedded?.();
    process.exit(code ?? (signal ? 1 : 0));
  });
}

void main();
