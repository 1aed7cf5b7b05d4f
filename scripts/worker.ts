// npm run worker: calls the dispatcher every minute, for self-hosters without an external cron.
// It only makes the HTTP call a cron service would make, so there is one way to dispatch.
import { loadEnvConfig } from "@next/env";

loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });

const INTERVAL_MS = 60_000;
const appUrl = (process.env.APP_URL || "http://localhost:3000").replace(/\/$/, "");
const secret = process.env.CRON_SECRET;
if (!secret) {
  console.error("Error: CRON_SECRET is not set (npm run setup writes it into .env.local).");
  process.exit(2);
}

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => (stopping = true));

async function tick() {
  const started = Date.now();
  try {
    const response = await fetch(`${appUrl}/api/cron/dispatch`, {
      headers: { authorization: `Bearer ${secret}` },
      signal: AbortSignal.timeout(90_000),
    });
    const body = await response.text();
    console.log(
      `${new Date().toISOString()} dispatch ${response.status} in ${Date.now() - started} ms: ${body.slice(0, 300)}`,
    );
  } catch (error) {
    console.error(
      `${new Date().toISOString()} dispatch failed: ${error instanceof Error ? error.message : error} (is the app running at ${appUrl}?)`,
    );
  }
}

async function main() {
  console.log(`Dispatching every ${INTERVAL_MS / 1000} s through ${appUrl}/api/cron/dispatch. Ctrl-C to stop.`);
  while (!stopping) {
    await tick();
    for (let waited = 0; waited < INTERVAL_MS && !stopping; waited += 1000)
      await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

void main();
