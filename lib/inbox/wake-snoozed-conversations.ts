import "server-only";
import { db } from "@/lib/db";

/** Snoozed conversations whose time has come go back to open, waiting for the team again. */
export async function wakeSnoozedConversations(now: Date): Promise<number> {
  const { count } = await db.conversation.updateMany({
    where: { status: "snoozed", snoozedUntil: { lte: now } },
    data: { status: "open", snoozedUntil: null },
  });
  return count;
}
