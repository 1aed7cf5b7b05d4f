import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { db, type DbClient } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/database-errors";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/generated/prisma/enums";
import { DEFAULT_SAVED_REPLIES } from "@/lib/saved-replies/default-saved-replies";
import { CANNED_REPLY_PREFIX } from "@/lib/templates/default-templates";
import { unknownVariables } from "@/lib/templates/render-template";
import { variablesForTemplate, variablesNotProvided } from "@/lib/templates/step-variables";

// The team's saved replies: created, edited and deleted by anyone who answers customers, no
// approval (the founder approves automatic messages only). Every change is audited.

export type SavedReply = {
  id: string;
  name: string;
  folder: string;
  body: string;
  locale: Locale;
  updatedAt: Date;
  updatedBy: string | null;
};

/** The variables a person's reply can use: what the composer fills from the customer and their last order. */
export const SAVED_REPLY_VARIABLES = variablesForTemplate(CANNED_REPLY_PREFIX);

export const savedReplySchema = z.object({
  name: z.string().trim().min(1, "Give it a name").max(80, "80 characters at most"),
  folder: z.string().trim().max(40, "40 characters at most").default(""),
  body: z.string().trim().min(1, "Write the reply").max(10_000, "10,000 characters at most"),
  locale: z.enum(["en", "fr"]),
});
export type SavedReplyInput = z.infer<typeof savedReplySchema>;

/** Variables the composer cannot fill are refused by field, before anything is saved. */
function refuseUnfillableVariables(body: string) {
  const unknown = unknownVariables(body);
  const notProvided = variablesNotProvided(body, CANNED_REPLY_PREFIX);
  const wrong = [...unknown, ...notProvided.map(String)];
  if (wrong.length === 0) return;
  const variables = wrong.map((name) => `{{${name}}}`).join(", ");
  const allowed = SAVED_REPLY_VARIABLES.map((name) => `{{${name}}}`).join(", ");
  throw AppError.because("bad_request", "savedReplyVariables", { variables, allowed });
}

/** Every saved reply, by folder then name; the customer's language first when one is given. */
export async function listSavedReplies(customerLocale?: Locale): Promise<SavedReply[]> {
  const rows = await db.savedReply.findMany({
    orderBy: [{ folder: "asc" }, { name: "asc" }],
    include: { updatedBy: { select: { name: true } } },
  });
  const replies = rows.map((row) => ({
    id: row.id,
    name: row.name,
    folder: row.folder,
    body: row.body,
    locale: row.locale,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy?.name ?? null,
  }));
  if (!customerLocale) return replies;
  return replies.sort((a, b) => Number(b.locale === customerLocale) - Number(a.locale === customerLocale));
}

async function saving<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw AppError.because("conflict", "savedReplyNameTaken");
    throw error;
  }
}

export async function createSavedReply(input: SavedReplyInput, actorId: string): Promise<string> {
  refuseUnfillableVariables(input.body);
  return saving(() =>
    db.$transaction(async (tx) => {
      const created = await tx.savedReply.create({ data: { ...input, createdById: actorId, updatedById: actorId } });
      await recordAudit(
        {
          actorUserId: actorId,
          action: "saved_reply.created",
          entityType: "saved_reply",
          entityId: created.id,
          data: { name: input.name },
        },
        tx,
      );
      return created.id;
    }),
  );
}

export async function updateSavedReply(id: string, input: SavedReplyInput, actorId: string): Promise<void> {
  refuseUnfillableVariables(input.body);
  await saving(() =>
    db.$transaction(async (tx) => {
      const { count } = await tx.savedReply.updateMany({ where: { id }, data: { ...input, updatedById: actorId } });
      if (count === 0) throw AppError.because("not_found", "savedReplyGone");
      await recordAudit(
        {
          actorUserId: actorId,
          action: "saved_reply.updated",
          entityType: "saved_reply",
          entityId: id,
          data: { name: input.name },
        },
        tx,
      );
    }),
  );
}

export async function deleteSavedReply(id: string, actorId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const gone = await tx.savedReply.deleteMany({ where: { id } });
    if (gone.count === 0) throw AppError.because("not_found", "savedReplyGone");
    await recordAudit(
      { actorUserId: actorId, action: "saved_reply.deleted", entityType: "saved_reply", entityId: id },
      tx,
    );
  });
}

/** A new shop's starting replies, written once when the shop is first set up. */
export async function createDefaultSavedReplies(tx: DbClient = db): Promise<number> {
  const { count } = await tx.savedReply.createMany({ data: DEFAULT_SAVED_REPLIES, skipDuplicates: true });
  return count;
}
