import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createFrictionCategory } from "@/lib/friction/friction-categories";

export const frictionMarkSchema = z
  .object({
    conversationId: z.string().min(1),
    categoryId: z.string().optional(),
    newCategoryName: z.string().trim().max(80, "80 characters at most").optional(),
    note: z.string().trim().max(2000, "2,000 characters at most").optional(),
  })
  .refine((input) => Boolean(input.categoryId) !== Boolean(input.newCategoryName), {
    message: "pickOrNameCategory",
    path: ["categoryId"],
  });

/**
 * Links the conversation to a site-wide friction (3-D Secure timeouts, declined cards...). Marking
 * the same category again updates its note. The friction report counts these marks.
 */
export async function markFriction(input: z.infer<typeof frictionMarkSchema>, actor: { id: string; role: Role }) {
  const actorUserId = actor.id;
  const conversation = await db.conversation.findUnique({ where: { id: input.conversationId }, select: { id: true } });
  if (!conversation) throw AppError.because("not_found", "conversationGone");
  return db.$transaction(async (tx) => {
    const category = input.newCategoryName
      ? await createFrictionCategory(input.newCategoryName, actor, tx)
      : await tx.frictionCategory.findUnique({ where: { id: input.categoryId! } });
    if (!category) throw AppError.because("bad_request", "frictionCategoryGone");
    const mark = await tx.frictionMark.upsert({
      where: { conversationId_categoryId: { conversationId: conversation.id, categoryId: category.id } },
      create: {
        conversationId: conversation.id,
        categoryId: category.id,
        note: input.note || null,
        markedById: actorUserId,
      },
      update: { note: input.note || null },
    });
    await recordAudit(
      {
        actorUserId,
        action: "conversation.friction_marked",
        entityType: "conversation",
        entityId: conversation.id,
        data: { category: category.key, note: input.note ?? null },
      },
      tx,
    );
    return { markId: mark.id, categoryName: category.name, suggested: category.status === "suggested" };
  });
}

export async function removeFrictionMark(conversationId: string, markId: string, actorUserId: string): Promise<void> {
  const { count } = await db.frictionMark.deleteMany({ where: { id: markId, conversationId } });
  if (count === 0) throw AppError.because("not_found", "frictionMarkGone");
  await recordAudit({
    actorUserId,
    action: "conversation.friction_unmarked",
    entityType: "conversation",
    entityId: conversationId,
    data: { markId },
  });
}
