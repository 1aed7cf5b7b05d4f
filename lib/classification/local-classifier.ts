// The local classifier: exact rules where a reply must be read exactly (carrier STOP keywords,
// ARRÊT), and a trained linear model for everything else (lib/classification/reply-model.json,
// made by `npm run train:classifier` from the corpus in tests/fixtures/classifier/corpus/).
// Pure. Figures: `npm run eval:classifier` (README, "How replies are read").
import type { Intent, Sentiment } from "@/lib/generated/prisma/enums";
import type { Classification } from "@/lib/classification/classification";
import { loadLinearModel, predict, type LinearModel } from "@/lib/classification/linear-model";
import storedModel from "@/lib/classification/reply-model.json";
import { textFeatures } from "@/lib/classification/text-features";
import type { StoredReplyModel } from "@/lib/classification/train-reply-model";
import { smsKeyword } from "@/lib/inbound/sms-keywords";
import type { FrictionHint } from "@/lib/generated/prisma/enums";

export type ReplyModel = {
  bits: number;
  intent: LinearModel<Intent>;
  sentiment: LinearModel<Sentiment>;
  friction: LinearModel<FrictionHint>;
};

export function loadReplyModel(stored: StoredReplyModel): ReplyModel {
  return {
    bits: stored.options.bits,
    intent: loadLinearModel(stored.intent),
    sentiment: loadLinearModel(stored.sentiment),
    friction: loadLinearModel(stored.friction),
  };
}

let shipped: ReplyModel | undefined;
const shippedModel = () => (shipped ??= loadReplyModel(storedModel as StoredReplyModel));

/** Which feelings each intent allows, by the label definitions (a problem is never "positive"). */
const ALLOWED_SENTIMENTS: Record<Intent, readonly Sentiment[]> = {
  praise: ["positive"],
  problem: ["negative", "neutral"],
  question: ["positive", "neutral", "negative"],
  opt_out: ["neutral", "negative"],
  other: ["positive", "neutral", "negative"],
};

/** A question mark, or a sentence that opens like a question (SMS often drop the mark: "r they nickel free"). */
const QUESTION_OPENING =
  /(^|[.!\n]\s*)(r|are|is|do|does|did|can|could|will|would|should|how|when|where|what|which|why|who|any chance|est[- ]ce|peut[- ]on|pouvez[- ]vous|avez[- ]vous|vous (avez|faites|livrez|pouvez)|quand|comment|pourquoi|combien|quel|quelle|ou est|y a[- ]t[- ]il|ya)\b/i;

function asksSomething(raw: string): boolean {
  return (
    raw.includes("?") ||
    QUESTION_OPENING.test(
      raw
        .normalize("NFD")
        .replace(/\p{Diacritic}/gu, "")
        .trim(),
    )
  );
}

export function classifyLocally(raw: string, model: ReplyModel = shippedModel()): Classification {
  if (smsKeyword(raw) === "opt_out") {
    return {
      intent: "opt_out",
      sentiment: "neutral",
      frictionHint: null,
      source: "local",
      confidence: 1,
      sentimentConfidence: 1,
    };
  }
  const features = textFeatures(raw, model.bits);
  const intents = predict(model.intent, features).probabilities;
  const sentiments = predict(model.sentiment, features).probabilities;
  // The most likely pair of labels that the definitions allow together.
  let best = { intent: "other" as Intent, sentiment: "neutral" as Sentiment, score: -1 };
  for (const intent of model.intent.labels) {
    for (const sentiment of ALLOWED_SENTIMENTS[intent]) {
      const score = intents[intent] * sentiments[sentiment];
      if (score > best.score) best = { intent, sentiment, score };
    }
  }
  const frictionHint = best.intent === "problem" ? predict(model.friction, features).label : null;
  // A thank-you with a question in it is a question: praise that asks something is never sure.
  const confidence =
    best.intent === "praise" && asksSomething(raw) ? Math.min(intents[best.intent], 0.5) : intents[best.intent];
  return {
    intent: best.intent,
    sentiment: best.sentiment,
    frictionHint,
    source: "local",
    confidence,
    sentimentConfidence: sentiments[best.sentiment],
  };
}
