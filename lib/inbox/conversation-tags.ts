import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** Tags are short lower-case words: "Refund Request" and "refund-request" are one tag. */
export const tagNameSchema = z
  .string()
  .trim()
  .min(1, "Type a tag")
  .max(40, "40 characters at most")
  .transform((name) => name.toLowerCase().replace(/\s+/g, "-"))
  .refine((name) => /^[\p{L}\p{N}_-]+$/u.test(name), "Letters, digits, - and _ only");

/** Tags a conversation (once: tagging it again changes nothing), audited when it changed. */
export async function addTag(conversationId: string, name: string, actorUserId: string): Promise<void> {
  const conversation = await db.conversation.findUnique({ where: { id: conversationId }, select: { id: true } });
  if (!conversation) throw AppError.because("not_found", "conversationGone");
  const tag = await db.tag.upsert({ where: { name }, create: { name }, update: {} });
  const { count } = await db.conversationTag.createMany({
    data: [{ conversationId, tagId: tag.id }],
    skipDuplicates: true,
  });
  if (count)
    await recordAudit({
      actorUserId,
      action: "conversation.tagged",
      entityType: "conversation",
      entityId: conversationId,
      data: { tag: name },
    });
}

export async function removeTag(conversationId: string, name: string, actorUserId: string): Promise<void> {
  const { count } = await db.conversationTag.deleteMany({ where: { conversationId, tag: { name } } });
  if (count)
    await recordAudit({
      actorUserId,
      action: "conversation.untagged",
      entityType: "conversation",
      entityId: conversationId,
      data: { tag: name },
    });
}

/** The tags in use, most used first, to suggest while typing. */
export async function listTagNames(limit = 50): Promise<string[]> {
  const tags = await db.tag.findMany({
    orderBy: { conversations: { _count: "desc" } },
    take: limit,
    select: { name: true },
  });
  return tags.map((tag) => tag.name);
}
