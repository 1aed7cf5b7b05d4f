// Runs once when the server starts: refuse to start on an invalid environment instead of
// failing later on the first request that needs it; a new installation says how to begin; the
// dispatcher starts ticking (unless a cron runs it).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { exitOnInvalidEnv } = await import("@/lib/startup/exit-on-invalid-env");
    exitOnInvalidEnv();
    const { announceFirstRun } = await import("@/lib/startup/announce-first-run");
    void announceFirstRun();
    const { runDispatcherInProcess } = await import("@/lib/startup/run-dispatcher-in-process");
    runDispatcherInProcess();
  }
}
