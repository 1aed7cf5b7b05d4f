import "server-only";
import { db } from "@/lib/db";

/** Records a click and returns where to send the visitor, or null for an unknown token. */
export async function followTrackedLink(
  token: string,
  userAgent: string | null,
  now = new Date(),
): Promise<string | null> {
  const link = await db.trackedLink.findUnique({ where: { token } });
  if (!link) return null;
  await db.linkClick.create({ data: { linkId: link.id, userAgent: userAgent?.slice(0, 300) ?? null, clickedAt: now } });
  return link.targetUrl;
}
