import { env } from "@/lib/env";
import { redact } from "@/lib/log";
import { needsFirstAdmin } from "@/lib/users/first-admin";
import { firstRunCode } from "@/lib/users/first-admin-code";

/**
 * At start-up, a new installation says how to create its first admin. The set-up code is only
 * ever shown here (the server's own output) and by `npm run setup`.
 */
export async function announceFirstRun(): Promise<void> {
  try {
    if (!(await needsFirstAdmin())) return;
    const { APP_URL } = env();
    console.info(
      `No admin yet. Open ${APP_URL.replace(/\/$/, "")}/first-run and enter the set-up code ${firstRunCode(env().AUTH_SECRET)} (or run: npm run user:create -- --email you@shop.com --role admin).`,
    );
  } catch (error) {
    console.warn(
      redact(`Could not check for a first admin at start-up: ${error instanceof Error ? error.message : error}`),
    );
  }
}
