// A multinomial logistic regression over hashed sparse features: trained by
// scripts/train-classifier.ts, shipped as JSON (weights quantised to one byte each), read here.
// Pure: no I/O, deterministic for a given seed.
import type { SparseFeatures } from "@/lib/classification/text-features";

export type LinearModel<L extends string = string> = {
  labels: readonly L[];
  bits: number;
  /** weights[label][feature], one row of 2^bits per label. */
  weights: Float32Array[];
  bias: Float32Array;
};

export type Prediction<L extends string> = { label: L; confidence: number; probabilities: Record<L, number> };

export function predict<L extends string>(model: LinearModel<L>, features: SparseFeatures): Prediction<L> {
  const scores = model.labels.map((_, k) => {
    const row = model.weights[k]!;
    let score = model.bias[k]!;
    for (let i = 0; i < features.indexes.length; i++) score += row[features.indexes[i]!]! * features.values[i]!;
    return score;
  });
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const total = exps.reduce((a, b) => a + b, 0);
  const probabilities = Object.fromEntries(model.labels.map((label, k) => [label, exps[k]! / total])) as Record<
    L,
    number
  >;
  let best = 0;
  for (let k = 1; k < model.labels.length; k++) if (exps[k]! > exps[best]!) best = k;
  return { label: model.labels[best]!, confidence: exps[best]! / total, probabilities };
}

export type TrainingExample<L extends string> = { features: SparseFeatures; label: L };
export type TrainingOptions = { epochs: number; learningRate: number; l2: number; seed: number };

/** Small seeded generator (mulberry32), so training is reproducible (the simulator draws from it too). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Softmax regression by stochastic gradient descent with AdaGrad steps and L2 on the touched weights. */
export function trainLinearModel<L extends string>(
  labels: readonly L[],
  examples: TrainingExample<L>[],
  bits: number,
  options: TrainingOptions,
): LinearModel<L> {
  const size = 1 << bits;
  const weights = labels.map(() => new Float32Array(size));
  const squared = labels.map(() => new Float32Array(size));
  const bias = new Float32Array(labels.length);
  const biasSquared = new Float32Array(labels.length);
  const random = seededRandom(options.seed);
  const order = examples.map((_, i) => i);
  const model: LinearModel<L> = { labels, bits, weights, bias };
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const index of order) {
      const { features, label } = examples[index]!;
      const { probabilities } = predict(model, features);
      labels.forEach((candidate, k) => {
        const error = probabilities[candidate] - (candidate === label ? 1 : 0);
        const row = weights[k]!;
        const rowSquared = squared[k]!;
        for (let f = 0; f < features.indexes.length; f++) {
          const at = features.indexes[f]!;
          const gradient = error * features.values[f]! + options.l2 * row[at]!;
          rowSquared[at]! += gradient * gradient;
          row[at]! -= (options.learningRate * gradient) / (Math.sqrt(rowSquared[at]!) + 1e-8);
        }
        biasSquared[k]! += error * error;
        bias[k]! -= (options.learningRate * error) / (Math.sqrt(biasSquared[k]!) + 1e-8);
      });
    }
  }
  return model;
}

/** The model as JSON: each label's weights as signed bytes (base64) with one scale per label. */
export type StoredLinearModel = { labels: string[]; bits: number; bias: number[]; scales: number[]; weights: string[] };

export function storeLinearModel(model: LinearModel): StoredLinearModel {
  const scales = model.weights.map((row) => row.reduce((max, w) => Math.max(max, Math.abs(w)), 0) / 127 || 1);
  const weights = model.weights.map((row, k) =>
    Buffer.from(Int8Array.from(row, (w) => Math.round(w / scales[k]!)).buffer).toString("base64"),
  );
  return {
    labels: [...model.labels],
    bits: model.bits,
    bias: Array.from(model.bias, (b) => Math.round(b * 1e4) / 1e4),
    scales,
    weights,
  };
}

export function loadLinearModel<L extends string>(stored: StoredLinearModel): LinearModel<L> {
  const weights = stored.weights.map((encoded, k) => {
    const buffer = Buffer.from(encoded, "base64");
    return Float32Array.from(
      new Int8Array(buffer.buffer, buffer.byteOffset, buffer.length),
      (w) => w * stored.scales[k]!,
    );
  });
  return { labels: stored.labels as L[], bits: stored.bits, weights, bias: Float32Array.from(stored.bias) };
}
