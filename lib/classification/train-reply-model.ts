// Trains the three parts of the reply model (intent, sentiment, friction) from corpus lines.
// Pure and deterministic: the same lines and options give the same model, byte for byte.
import { FRICTION_HINTS, INTENTS, SENTIMENTS } from "@/lib/classification/classification";
import {
  storeLinearModel,
  trainLinearModel,
  type StoredLinearModel,
  type TrainingOptions,
} from "@/lib/classification/linear-model";
import type { CorpusLine } from "@/lib/classification/reply-corpus";
import { textFeatures } from "@/lib/classification/text-features";

export type StoredReplyModel = {
  /** What it was trained on, so a reader knows (and a test can check) where it came from. */
  trainedOn: { files: string[]; lines: number; digest: string };
  options: TrainingOptions & { bits: number };
  intent: StoredLinearModel;
  sentiment: StoredLinearModel;
  friction: StoredLinearModel;
};

/** Chosen by holding out each training file in turn (`npm run train:classifier -- --by-file`). */
export const DEFAULT_TRAINING: TrainingOptions & { bits: number } = {
  bits: 14,
  epochs: 12,
  learningRate: 0.2,
  l2: 1e-4,
  seed: 42,
};

export function trainReplyModel(
  lines: CorpusLine[],
  trainedOn: StoredReplyModel["trainedOn"],
  options = DEFAULT_TRAINING,
): StoredReplyModel {
  const featured = lines.map((line) => ({ line, features: textFeatures(line.text, options.bits) }));
  const intent = trainLinearModel(
    INTENTS,
    featured.map(({ line, features }) => ({ features, label: line.intent })),
    options.bits,
    options,
  );
  const sentiment = trainLinearModel(
    SENTIMENTS,
    featured.map(({ line, features }) => ({ features, label: line.sentiment })),
    options.bits,
    { ...options, seed: options.seed + 1 },
  );
  const problems = featured.filter(({ line }) => line.intent === "problem" && line.friction);
  const friction = trainLinearModel(
    FRICTION_HINTS,
    problems.map(({ line, features }) => ({ features, label: line.friction! })),
    options.bits,
    { ...options, seed: options.seed + 2 },
  );
  return {
    trainedOn,
    options,
    intent: storeLinearModel(intent),
    sentiment: storeLinearModel(sentiment),
    friction: storeLinearModel(friction),
  };
}
