import "server-only";
import { dispatchesInProcess, env } from "@/lib/env";
import { dispatchDueMessages } from "@/lib/jobs/dispatch-due-messages";
import { logError, logInfo } from "@/lib/log";

// `npm start` runs the whole app: the dispatcher ticks inside the server process, one run at a
// time (the next waits for the previous to finish). Several processes stay safe: each message is
// claimed by one run only, with a lease. DISPATCHER=external leaves it to a cron calling
// /api/cron/dispatch (Vercel does by default, and `npm run worker` is such a cron).

let started = false;

export function runDispatcherInProcess(): void {
  if (started || !dispatchesInProcess()) return;
  started = true;
  const intervalMs = env().DISPATCH_INTERVAL_SECONDS * 1000;
  logInfo("dispatch", `in-process dispatcher every ${intervalMs / 1000} s (DISPATCHER=external to use a cron instead)`);
  const tick = async () => {
    try {
      await dispatchDueMessages();
    } catch (error) {
      logError("dispatch", "in-process run failed", error);
    } finally {
      setTimeout(tick, intervalMs).unref();
    }
  };
  // A first run soon after start, once the server is listening.
  setTimeout(tick, 3_000).unref();
}
