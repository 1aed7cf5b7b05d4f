// npm run train:classifier [-- --dev] [--bits 16 --epochs 12 --learning-rate 0.4 --l2 1e-6 --seed 42]
// Trains the local reply model on tests/fixtures/classifier/corpus/train-*.jsonl and writes
// lib/classification/reply-model.json. Never reads test.jsonl: that file is only for
// `npm run eval:classifier`.
//   --dev  trains without the tuning lines (about 1 in 7, lib/classification/reply-corpus.ts) and
//          prints the figures on them, writing nothing: what to look at while tuning.
//   --folds N  cross-validation on the training files (each fold held out in turn), writing nothing.
//   --by-file  each training file held out in turn (a writer the model has not read), writing nothing.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { isHandledAutomatically } from "@/lib/classification/confidence";
import { classifyLocally, loadReplyModel } from "@/lib/classification/local-classifier";
import { foldOf, isDevLine, parseCorpus, type CorpusLine } from "@/lib/classification/reply-corpus";
import { DEFAULT_TRAINING, trainReplyModel } from "@/lib/classification/train-reply-model";

const root = path.join(import.meta.dirname, "..");
const corpusDir = path.join(root, "tests/fixtures/classifier/corpus");
const modelFile = path.join(root, "lib/classification/reply-model.json");

const { values } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    folds: { type: "string" },
    "by-file": { type: "boolean", default: false },
    bits: { type: "string" },
    epochs: { type: "string" },
    "learning-rate": { type: "string" },
    l2: { type: "string" },
    seed: { type: "string" },
  },
});
const number = (value: string | undefined, fallback: number) => (value === undefined ? fallback : Number(value));
const options = {
  bits: number(values.bits, DEFAULT_TRAINING.bits),
  epochs: number(values.epochs, DEFAULT_TRAINING.epochs),
  learningRate: number(values["learning-rate"], DEFAULT_TRAINING.learningRate),
  l2: number(values.l2, DEFAULT_TRAINING.l2),
  seed: number(values.seed, DEFAULT_TRAINING.seed),
};

const files = readdirSync(corpusDir)
  .filter((name) => name.startsWith("train-") && name.endsWith(".jsonl"))
  .sort();
const byFile = new Map(
  files.map((name) => [name, parseCorpus(readFileSync(path.join(corpusDir, name), "utf8"), name)]),
);
const lines = [...byFile.values()].flat();
const digest = createHash("sha256").update(JSON.stringify(lines)).digest("hex").slice(0, 16);

function scores(train: CorpusLine[], held: CorpusLine[]) {
  const model = loadReplyModel(trainReplyModel(train, { files, lines: train.length, digest }, options));
  const guesses = held.map((line) => ({ line, got: classifyLocally(line.text, model) }));
  const negatives = guesses.filter((g) => g.line.sentiment === "negative");
  const humans = guesses.filter((g) => g.line.intent === "problem" || g.line.intent === "question");
  const automatic = (g: (typeof guesses)[number]) => isHandledAutomatically(g.got);
  return {
    intent: guesses.filter((g) => g.got.intent === g.line.intent).length / guesses.length,
    sentiment: guesses.filter((g) => g.got.sentiment === g.line.sentiment).length / guesses.length,
    negativeRecall: negatives.filter((g) => g.got.sentiment === "negative").length / negatives.length,
    toHuman: humans.filter((g) => !automatic(g)).length / humans.length,
    automated: guesses.filter(automatic).length / guesses.length,
  };
}

if (values["by-file"]) {
  console.log(`Each training file held out in turn, ${JSON.stringify(options)}`);
  const all: ReturnType<typeof scores>[] = [];
  for (const [name, held] of byFile) {
    const result = scores(
      lines.filter((line) => !held.includes(line)),
      held,
    );
    all.push(result);
    console.log(
      `${name.padEnd(24)} intent ${(100 * result.intent).toFixed(1)}%  sentiment ${(100 * result.sentiment).toFixed(1)}%  negative recall ${(100 * result.negativeRecall).toFixed(1)}%  to a person ${(100 * result.toHuman).toFixed(1)}%`,
    );
  }
  const mean = (key: keyof (typeof all)[number]) =>
    `${((100 * all.reduce((sum, r) => sum + r[key], 0)) / all.length).toFixed(1)}%`;
  console.log(
    `mean                     intent ${mean("intent")}  sentiment ${mean("sentiment")}  negative recall ${mean("negativeRecall")}  to a person ${mean("toHuman")}`,
  );
} else if (values.folds) {
  const folds = Number(values.folds);
  const results = Array.from({ length: folds }, (_, k) =>
    scores(
      lines.filter((l) => foldOf(l, folds) !== k),
      lines.filter((l) => foldOf(l, folds) === k),
    ),
  );
  const mean = (key: keyof (typeof results)[number]) =>
    `${((100 * results.reduce((sum, r) => sum + r[key], 0)) / folds).toFixed(1)}%`;
  console.log(`${folds}-fold cross-validation on ${lines.length} lines, ${JSON.stringify(options)}`);
  console.log(
    `intent ${mean("intent")}  sentiment ${mean("sentiment")}  negative recall ${mean("negativeRecall")}  problems+questions to a person ${mean("toHuman")}  handled automatically ${mean("automated")}`,
  );
} else if (values.dev) {
  const train = lines.filter((line) => !isDevLine(line));
  const dev = lines.filter(isDevLine);
  const started = Date.now();
  const model = loadReplyModel(trainReplyModel(train, { files, lines: train.length, digest }, options));
  console.log(`Trained on ${train.length} lines in ${Date.now() - started} ms; tuning lines: ${dev.length}`);
  const guesses = dev.map((line) => ({ line, got: classifyLocally(line.text, model) }));
  const share = (ok: (g: (typeof guesses)[number]) => boolean, of = guesses) =>
    `${((100 * of.filter(ok).length) / of.length).toFixed(1)}% (${of.filter(ok).length}/${of.length})`;
  console.log(`intent    ${share((g) => g.got.intent === g.line.intent)}`);
  console.log(`sentiment ${share((g) => g.got.sentiment === g.line.sentiment)}`);
  const negatives = guesses.filter((g) => g.line.sentiment === "negative");
  console.log(`negative recall ${share((g) => g.got.sentiment === "negative", negatives)}`);
  const problems = guesses.filter((g) => g.line.intent === "problem" && g.line.friction);
  console.log(`friction (problems) ${share((g) => g.got.frictionHint === g.line.friction, problems)}`);
  for (const g of guesses.filter((g) => g.got.intent !== g.line.intent || g.got.sentiment !== g.line.sentiment)) {
    console.log(
      `  ${g.line.intent}/${g.line.sentiment} → ${g.got.intent}/${g.got.sentiment} (${g.got.confidence.toFixed(2)}) ${JSON.stringify(g.line.text.slice(0, 140))}`,
    );
  }
} else {
  const started = Date.now();
  const stored = trainReplyModel(lines, { files, lines: lines.length, digest }, options);
  writeFileSync(modelFile, `${JSON.stringify(stored)}\n`);
  console.log(
    `Trained on ${lines.length} lines from ${files.join(", ")} in ${Date.now() - started} ms → ${path.relative(root, modelFile)}`,
  );
}
