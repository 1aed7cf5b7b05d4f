import { after } from "next/server";
import { logError } from "@/lib/log";

const outsideRequests = new Set<Promise<unknown>>();

/**
 * Work that must not delay a webhook's answer (classification, routing). Inside a Next.js
 * request it runs after the response; elsewhere (tests, scripts) it starts at once, and
 * `settleBackgroundWork` waits for it. Failures are logged: the data is already stored.
 */
export function runAfterResponse(name: string, task: () => Promise<unknown>): void {
  const guarded = () =>
    task().catch((error) => {
      logError(name, "failed after the response", error);
    });
  try {
    after(guarded);
  } catch {
    const running = guarded();
    outsideRequests.add(running);
    void running.finally(() => outsideRequests.delete(running));
  }
}

export async function settleBackgroundWork(): Promise<void> {
  while (outsideRequests.size) await Promise.all([...outsideRequests]);
}
