import "server-only";
import { db } from "@/lib/db";
import type { Locale } from "@/lib/generated/prisma/enums";
import { CANNED_REPLY_PREFIX } from "@/lib/templates/default-templates";

export type CannedReply = { id: string; name: string; body: string; locale: Locale };

/** The founder-approved canned replies, in the customer's language first. */
export async function listCannedReplies(customerLocale: Locale): Promise<CannedReply[]> {
  const templates = await db.template.findMany({
    where: { kind: "canned_reply", key: { startsWith: CANNED_REPLY_PREFIX }, approvedVersion: { status: "approved" } },
    include: { approvedVersion: { select: { body: true } } },
    orderBy: { name: "asc" },
  });
  return templates
    .map((t) => ({ id: t.id, name: t.name, body: t.approvedVersion!.body, locale: t.locale }))
    .sort((a, b) => Number(b.locale === customerLocale) - Number(a.locale === customerLocale));
}
