import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { FRICTION_HINTS, INTENTS, SENTIMENTS } from "@/lib/classification/classification";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Intent } from "@/lib/generated/prisma/enums";

// An agent corrects a reply's labels. The message then carries the corrected labels (so the
// friction report and the views read them); the correction keeps what the classifier said. The
// reports count corrections, and the corrected replies export in the training corpus' format.

export const labelCorrectionSchema = z
  .object({
    messageId: z.string().min(1),
    intent: z.enum(INTENTS),
    sentiment: z.enum(SENTIMENTS),
    frictionHint: z.enum(FRICTION_HINTS).nullable(),
  })
  .refine((input) => input.intent === "problem" || input.frictionHint === null, {
    path: ["frictionHint"],
    message: "onlyProblemHasFriction",
  })
  .transform((input) => ({
    ...input,
    frictionHint: input.intent === "problem" ? (input.frictionHint ?? "other") : null,
  }));

export type LabelCorrectionInput = z.infer<typeof labelCorrectionSchema>;

export async function correctLabels(
  input: LabelCorrectionInput,
  actorUserId: string,
): Promise<{ conversationId: string }> {
  return db.$transaction(async (tx) => {
    const message = await tx.message.findUnique({ where: { id: input.messageId } });
    if (!message || message.direction !== "inbound")
      throw new AppError("not_found", "That customer message no longer exists.");
    const unchanged =
      message.intent === input.intent &&
      message.sentiment === input.sentiment &&
      message.frictionHint === input.frictionHint;
    if (unchanged) return { conversationId: message.conversationId };
    await tx.labelCorrection.create({
      data: {
        messageId: message.id,
        correctedById: actorUserId,
        fromIntent: message.intent,
        fromSentiment: message.sentiment,
        fromFrictionHint: message.frictionHint,
        fromSource: message.classifiedBy,
        toIntent: input.intent,
        toSentiment: input.sentiment,
        toFrictionHint: input.frictionHint,
      },
    });
    await tx.message.update({
      where: { id: message.id },
      data: {
        intent: input.intent,
        sentiment: input.sentiment,
        frictionHint: input.frictionHint,
        classifiedBy: "agent",
        classifiedAt: new Date(),
      },
    });
    // The conversation shows its latest customer message's labels.
    const latest = await tx.message.findFirst({
      where: { conversationId: message.conversationId, direction: "inbound" },
      orderBy: { createdAt: "desc" },
      select: { id: true },
    });
    if (latest?.id === message.id)
      await tx.conversation.update({
        where: { id: message.conversationId },
        data: { intent: input.intent, sentiment: input.sentiment },
      });
    await recordAudit(
      {
        actorUserId,
        action: "message.labels_corrected",
        entityType: "message",
        entityId: message.id,
        data: {
          from: { intent: message.intent, sentiment: message.sentiment, frictionHint: message.frictionHint },
          to: { intent: input.intent, sentiment: input.sentiment, frictionHint: input.frictionHint },
        },
      },
      tx,
    );
    return { conversationId: message.conversationId };
  });
}

export type CorrectionSummary = {
  corrections: number;
  classified: number;
  byIntent: { from: Intent | null; to: Intent; count: number }[];
};

/** Corrections made in [from, to), against the replies classified in the same range. */
export async function correctionSummary(range: { from: Date; to: Date }): Promise<CorrectionSummary> {
  const [corrections, classified, byIntent] = await Promise.all([
    db.labelCorrection.count({ where: { createdAt: { gte: range.from, lt: range.to } } }),
    db.message.count({ where: { direction: "inbound", classifiedAt: { gte: range.from, lt: range.to } } }),
    db.labelCorrection.groupBy({
      by: ["fromIntent", "toIntent"],
      where: { createdAt: { gte: range.from, lt: range.to } },
      _count: true,
      orderBy: { _count: { id: "desc" } },
    }),
  ]);
  return {
    corrections,
    classified,
    byIntent: byIntent.map((row) => ({ from: row.fromIntent, to: row.toIntent, count: row._count })),
  };
}

/** The corrected replies of a range as corpus lines (docs/CLASSIFIER_LABELS.md), newest correction per message. */
export async function correctedRepliesAsCorpus(range: { from: Date; to: Date }): Promise<string> {
  const messages = await db.message.findMany({
    where: { labelCorrections: { some: { createdAt: { gte: range.from, lt: range.to } } } },
    select: {
      strippedText: true,
      textBody: true,
      channel: true,
      intent: true,
      sentiment: true,
      frictionHint: true,
      conversation: { select: { customer: { select: { locale: true } } } },
    },
    orderBy: { createdAt: "asc" },
  });
  return messages
    .filter((m) => m.intent && m.sentiment)
    .map((m) =>
      JSON.stringify({
        text: m.strippedText ?? m.textBody,
        lang: m.conversation.customer.locale,
        // The corpus knows email and SMS; a Messenger or Instagram message is written like a text.
        channel: m.channel === "email" ? "email" : "sms",
        intent: m.intent,
        sentiment: m.sentiment,
        friction: m.intent === "problem" ? (m.frictionHint ?? "other") : null,
      }),
    )
    .map((line) => `${line}\n`)
    .join("");
}
