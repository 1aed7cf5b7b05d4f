import { beforeEach, describe, expect, it } from "vitest";
import {
  correctedRepliesAsCorpus,
  correctionSummary,
  correctLabels,
  labelCorrectionSchema,
} from "@/lib/classification/label-corrections";
import { parseCorpus } from "@/lib/classification/reply-corpus";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { makeCustomer } from "../support/factories";

// #12: an agent corrects a reply's labels; the correction is kept with the message, counted in
// the reports and exported in the training corpus' format.

beforeEach(truncateAllTables);

async function labelledReply(text: string, labels = { intent: "praise" as const, sentiment: "positive" as const }) {
  const customer = await makeCustomer({ locale: "en" });
  const conversation = await db.conversation.create({
    data: { customerId: customer.id, mailboxHash: `h-${customer.id}`, lastMessageAt: new Date(), ...labels },
  });
  const message = await db.message.create({
    data: {
      conversationId: conversation.id,
      direction: "inbound",
      channel: "sms",
      authorType: "customer",
      textBody: text,
      deliveryStatus: "received",
      ...labels,
      classifiedBy: "local",
      classifiedAt: new Date(),
      classificationConfidence: 0.91,
    },
  });
  return { conversation, message };
}

const agent = () =>
  db.user.create({ data: { email: "agent@atelier-lune.fr", name: "Agent", role: "agent", passwordHash: "x" } });
const correction = (
  messageId: string,
  intent: "problem" | "question",
  sentiment: "negative" | "neutral",
  frictionHint: "product_confusion" | null = null,
) => labelCorrectionSchema.parse({ messageId, intent, sentiment, frictionHint });

describe("label corrections", () => {
  it("keeps what the classifier said, puts the agent's labels on the message and its conversation, and audits", async () => {
    const { conversation, message } = await labelledReply("Nice lamp but the cable is way too short");
    const user = await agent();
    await correctLabels(correction(message.id, "problem", "negative", "product_confusion"), user.id);
    expect(await db.labelCorrection.findFirstOrThrow()).toMatchObject({
      fromIntent: "praise",
      fromSentiment: "positive",
      fromSource: "local",
      toIntent: "problem",
      toSentiment: "negative",
      toFrictionHint: "product_confusion",
      correctedById: user.id,
    });
    expect(await db.message.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      intent: "problem",
      sentiment: "negative",
      frictionHint: "product_confusion",
      classifiedBy: "agent",
    });
    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({
      intent: "problem",
      sentiment: "negative",
    });
    expect(await db.auditLog.findFirstOrThrow()).toMatchObject({
      action: "message.labels_corrected",
      entityId: message.id,
    });
  });

  it("gives a problem a friction (other when none is picked) and refuses one on anything else", () => {
    expect(
      labelCorrectionSchema.parse({ messageId: "m", intent: "problem", sentiment: "negative", frictionHint: null })
        .frictionHint,
    ).toBe("other");
    expect(
      labelCorrectionSchema.safeParse({
        messageId: "m",
        intent: "question",
        sentiment: "neutral",
        frictionHint: "delivery",
      }).success,
    ).toBe(false);
  });

  it("records nothing when the labels do not change", async () => {
    const { message } = await labelledReply("love it");
    await correctLabels(
      labelCorrectionSchema.parse({
        messageId: message.id,
        intent: "praise",
        sentiment: "positive",
        frictionHint: null,
      }),
      (await agent()).id,
    );
    expect(await db.labelCorrection.count()).toBe(0);
  });

  it("counts corrections against the replies labelled in the range, and exports them as corpus lines", async () => {
    const user = await agent();
    const first = await labelledReply("who is this?");
    await labelledReply("lovely, thanks");
    await correctLabels(correction(first.message.id, "question", "neutral"), user.id);
    const range = { from: new Date(Date.now() - 60_000), to: new Date(Date.now() + 60_000) };
    expect(await correctionSummary(range)).toEqual({
      corrections: 1,
      classified: 2,
      byIntent: [{ from: "praise", to: "question", count: 1 }],
    });
    const exported = await correctedRepliesAsCorpus(range);
    expect(parseCorpus(exported, "export")).toEqual([
      { text: "who is this?", lang: "en", channel: "sms", intent: "question", sentiment: "neutral", friction: null },
    ]);
  });
});
