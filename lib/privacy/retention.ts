import "server-only";
import { subMonths } from "date-fns";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { SHOP_SETTINGS_ID } from "@/lib/settings/get-shop-settings";
import { ERASED_TEXT } from "@/lib/privacy/erase-customer";

/** A data export stays downloadable this long, then goes (it copies message bodies). */
const EXPORT_KEPT_DAYS = 30;

/** Messages whose bodies one dispatcher run removes at most: small batches, the run stays short. */
const RETENTION_BATCH = 500;

/**
 * Removes the bodies (text, HTML) and attachments of messages older than the shop's retention
 * period (Settings → Data and consent), oldest first, one batch per dispatcher run. Everything
 * else stays, so reports, threads and counts keep working. A watermark in the settings says how
 * far it has gone, so a run reads only what it has not done yet. Returns the messages done.
 */
export async function removeExpiredMessageBodies(
  settings: { retentionMonths: number | null; retentionRedactedBefore: Date | null },
  now = new Date(),
): Promise<number> {
  await db.privacyRequest.updateMany({
    where: {
      kind: "export",
      completedAt: { lt: new Date(now.getTime() - EXPORT_KEPT_DAYS * 86_400_000) },
      NOT: { export: { equals: Prisma.AnyNull } },
    },
    data: { export: Prisma.DbNull },
  });
  if (!settings.retentionMonths) return 0;
  const cutoff = subMonths(now, settings.retentionMonths);
  // The demo outbox copies what was sent: it goes by the same rule.
  await db.outboxMessage.deleteMany({ where: { createdAt: { lt: cutoff } } });
  const from = settings.retentionRedactedBefore ?? new Date(0);
  if (from >= cutoff) return 0;
  return db.$transaction(async (tx) => {
    const batch = await tx.$queryRaw<{ createdAt: Date }[]>`
      SELECT "createdAt" FROM "Message" WHERE "createdAt" >= ${from} AND "createdAt" < ${cutoff} ORDER BY "createdAt" LIMIT ${RETENTION_BATCH}`;
    // A full batch ends at its last instant (that instant is done by the next run, unless the
    // whole batch shares it); a partial one reaches the cutoff.
    const last = batch.at(-1)?.createdAt;
    const until = batch.length < RETENTION_BATCH || !last ? cutoff : last > from ? last : new Date(from.getTime() + 1);
    await tx.$executeRaw`
      DELETE FROM "Attachment" a USING "Message" m WHERE a."messageId" = m.id AND m."createdAt" >= ${from} AND m."createdAt" < ${until}`;
    const done = await tx.$executeRaw`
      UPDATE "Message" SET "textBody" = ${ERASED_TEXT}, "strippedText" = NULL, "htmlBody" = NULL
      WHERE "createdAt" >= ${from} AND "createdAt" < ${until} AND ("textBody" <> ${ERASED_TEXT} OR "strippedText" IS NOT NULL OR "htmlBody" IS NOT NULL)`;
    await tx.shopSettings.update({ where: { id: SHOP_SETTINGS_ID }, data: { retentionRedactedBefore: until } });
    return done;
  });
}
