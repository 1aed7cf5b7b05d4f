import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export const recordFixSchema = z.object({
  categoryId: z.string().min(1),
  fixedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Pick the day it was fixed"),
  note: z
    .string()
    .trim()
    .min(3, "Say what was fixed, e.g. \u201c3-D Secure retry page shipped\u201d")
    .max(500, "500 characters at most"),
});

/** The manager records that a friction was fixed on a day; the report then compares before and after. */
export async function recordFrictionFix(input: z.infer<typeof recordFixSchema>, actorUserId: string, now = new Date()) {
  const fixedOn = new Date(`${input.fixedOn}T00:00:00Z`);
  if (Number.isNaN(fixedOn.getTime())) throw AppError.because("bad_request", "pickRealDay");
  if (fixedOn.getTime() > now.getTime()) throw AppError.because("bad_request", "fixMustBeLive");
  const category = await db.frictionCategory.findFirst({ where: { id: input.categoryId, status: "confirmed" } });
  if (!category) throw AppError.because("not_found", "frictionCategoryGone");
  const fix = await db.frictionFix.create({
    data: { categoryId: category.id, fixedOn, note: input.note, recordedById: actorUserId },
  });
  await recordAudit({
    actorUserId,
    action: "friction.fix_recorded",
    entityType: "friction_category",
    entityId: category.id,
    data: { fixedOn: input.fixedOn, note: input.note },
  });
  return fix;
}
