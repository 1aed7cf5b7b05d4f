// Playwright's webServer: prepares a fresh database, seeds the demo shop, and serves the built
// app. `postgres` uses a throwaway database on the local PostgreSQL; `embedded` runs with
// DATABASE_URL unset, exactly as a newcomer's machine does.
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { startFakeGraphApi, startFakePostmark, startFakeTwilio } from "@/tools/fake-providers";
import { createMigratedDatabase } from "../../tests/support/test-database";
import bcrypt from "bcryptjs";
import pg from "pg";
import { DEMO_USERS } from "../../tools/seed/demo-users";
import { E2E } from "./e2e-env";

const mode = process.argv[2];

function runOrExit(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(command, args, { env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`e2e: ${command} ${args.join(" ")} failed`);
    process.exit(result.status ?? 1);
  }
}

function serve(args: string[], env: NodeJS.ProcessEnv) {
  const server = spawn("npx", args, { env, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}

async function main() {
  // The postgres and public apps send through the fakes (started by the postgres one), and their
  // specs call the dispatcher themselves. The embedded app is a newcomer's demo: no provider (its
  // messages go to the Outbox) and the dispatcher ticking inside the server.
  const base = {
    ...process.env,
    ...E2E.secrets,
    POSTMARK_API_URL: E2E.fakes.postmark,
    TWILIO_API_URL: E2E.fakes.twilio,
    META_GRAPH_API_URL: E2E.fakes.graph,
    NODE_ENV: "production" as const,
    DISPATCHER: "external",
  };
  if (mode === "public") {
    // Nothing seeded: a real installation. The demo's admin and agent with their published
    // passwords are in the database without the demo flag, as an installation seeded by an
    // earlier version (before the flag existed) would have them.
    const databaseUrl = await createMigratedDatabase(E2E.public.database);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    for (const demo of DEMO_USERS.filter((user) => user.role === "admin" || user.role === "agent")) {
      await client.query(
        `INSERT INTO "User" (id, email, name, role, "passwordHash", "isDemo", "updatedAt") VALUES ($1, $2, $3, $4, $5, false, now())`,
        [`demo-${demo.role}`, demo.email, demo.name, demo.role, await bcrypt.hash(demo.password, 10)],
      );
    }
    await client.end();
    serve(["next", "start", "-p", String(E2E.public.port)], {
      ...base,
      DATABASE_URL: databaseUrl,
      APP_URL: E2E.public.appUrl,
    });
    return;
  }
  if (mode === "postgres") {
    await startFakePostmark(E2E.secrets.POSTMARK_SERVER_TOKEN, Number(new URL(E2E.fakes.postmark).port));
    await startFakeTwilio(
      E2E.secrets.TWILIO_ACCOUNT_SID,
      E2E.secrets.TWILIO_AUTH_TOKEN,
      Number(new URL(E2E.fakes.twilio).port),
    );
    await startFakeGraphApi(E2E.secrets.META_PAGE_ACCESS_TOKEN, Number(new URL(E2E.fakes.graph).port));
    const env = {
      ...base,
      ...E2E.demo,
      DATABASE_URL: await createMigratedDatabase(E2E.postgres.database),
      APP_URL: E2E.postgres.baseURL,
    };
    runOrExit("npx", ["tsx", "--conditions=react-server", "scripts/seed.ts"], env);
    serve(["next", "start", "-p", String(E2E.postgres.port)], env);
  } else if (mode === "embedded") {
    rmSync(E2E.embedded.dataDir, { recursive: true, force: true });
    const env: NodeJS.ProcessEnv = {
      ...base,
      ...E2E.demo,
      APP_URL: E2E.embedded.baseURL,
      EMBEDDED_DATABASE_DIR: E2E.embedded.dataDir,
      EMBEDDED_DATABASE_PORT: String(E2E.embedded.databasePort),
      DISPATCHER: "in-process",
      DISPATCH_INTERVAL_SECONDS: "5",
    };
    for (const name of [
      "DATABASE_URL",
      "POSTMARK_SERVER_TOKEN",
      "POSTMARK_INBOUND_ADDRESS",
      "TWILIO_ACCOUNT_SID",
      "TWILIO_AUTH_TOKEN",
      "TWILIO_FROM_NUMBER",
    ])
      delete env[name];
    runOrExit("npm", ["run", "--silent", "db:migrate"], env);
    runOrExit("npm", ["run", "--silent", "db:seed"], env);
    serve(["tsx", "scripts/with-database.ts", "next", "start", "-p", String(E2E.embedded.port)], env);
  } else {
    console.error("usage: tsx e2e/support/start-app.ts <postgres|embedded|public>");
    process.exit(2);
  }
}

void main();
