import "server-only";
import { db, type DbClient } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { canonicalTimeZone } from "@/lib/i18n/time-zone";

/** Sets the zone of the user's own screens; "auto" clears it, so the browser's applies. */
export async function updateOwnTimeZone(userId: string, choice: string, tx: DbClient = db): Promise<string> {
  const timeZone = choice === "auto" ? null : canonicalTimeZone(choice);
  if (choice !== "auto" && !timeZone) throw new AppError("bad_request", "Pick a time zone from the list");
  const stored = await tx.user.update({ where: { id: userId }, data: { timeZone }, select: { timeZone: true } });
  return stored.timeZone ?? "auto";
}
