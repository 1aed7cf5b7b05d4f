import "server-only";
import { db } from "@/lib/db";

/**
 * Waits until every inbound message is classified (the app labels replies after answering the
 * webhook), so the dispatcher that follows sees every automatic reply the labels schedule.
 * Returns false when some are still unlabelled after `timeoutMs`.
 */
export async function waitForClassifiedReplies(timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await db.message.count({ where: { direction: "inbound", sentiment: null } })) === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}
