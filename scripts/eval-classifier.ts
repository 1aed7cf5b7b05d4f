// npm run eval:classifier [-- --openai --base-url URL --model NAME --api-key KEY]
// Measures the classifier on the test part of the corpus (docs/CLASSIFIER_LABELS.md):
// tests/fixtures/classifier/corpus/test.jsonl, written by a writer of its own and never read while
// training or tuning (tuning figures: `npm run train:classifier -- --by-file`, which may list
// mistakes; this command does not: the test part is not for looking at).
// Prints accuracy, per-class precision and recall, confusion matrices, negative recall, friction
// accuracy, the share of problem and question replies left to a person (the routing rule), and
// the time to classify one reply.
// With --openai the same figures for OpenAI alone (any OpenAI-compatible server) and for the
// combination the app uses (local first, OpenAI when the local model is unsure).
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { FRICTION_HINTS, INTENTS, SENTIMENTS, type Classification } from "@/lib/classification/classification";
import { isHandledAutomatically } from "@/lib/classification/confidence";
import { classifyLocally } from "@/lib/classification/local-classifier";
import { parseCorpus, type CorpusLine } from "@/lib/classification/reply-corpus";

const { values } = parseArgs({
  options: {
    openai: { type: "boolean", default: false },
    "base-url": { type: "string" },
    model: { type: "string" },
    "api-key": { type: "string" },
  },
});

function fail(message: string): never {
  console.error(`Error: ${message}`);
  process.exit(2);
}

const corpusDir = path.join(import.meta.dirname, "../tests/fixtures/classifier/corpus");
const lines: CorpusLine[] = parseCorpus(readFileSync(path.join(corpusDir, "test.jsonl"), "utf8"), "test.jsonl");

type Labeller = { name: string; classify: (text: string) => Promise<Classification> };

async function labellersToMeasure(): Promise<Labeller[]> {
  const labellers: Labeller[] = [{ name: "local classifier", classify: async (text) => classifyLocally(text) }];
  if (!values.openai) return labellers;
  const key = values["api-key"] ?? process.env.OPENAI_API_KEY;
  if (!key) fail("--openai needs --api-key or OPENAI_API_KEY");
  Object.assign(process.env, {
    OPENAI_API_KEY: key,
    ...(values["base-url"] ? { OPENAI_BASE_URL: values["base-url"] } : {}),
    ...(values.model ? { OPENAI_MODEL: values.model } : {}),
  });
  // The app's start-up check wants these; labelling never uses them.
  for (const [name, placeholder] of [
    ["DATABASE_URL", "postgresql://unused@127.0.0.1/unused"],
    ["AUTH_SECRET", "x".repeat(32)],
    ["LINK_SECRET", "y".repeat(32)],
    ["CRON_SECRET", "z".repeat(16)],
  ] as const) {
    process.env[name] ||= placeholder;
  }
  // Loaded after the environment is set: the app reads it once.
  const { classifyWithOpenAI } = await import("@/lib/classification/openai-classifier");
  const { classifyText } = await import("@/lib/classification/classify-text");
  labellers.push({
    name: "OpenAI alone",
    classify: async (text) => ({
      ...(await classifyWithOpenAI(text)),
      source: "openai",
      confidence: 1,
      sentimentConfidence: 1,
    }),
  });
  labellers.push({ name: "local + OpenAI when unsure (the app)", classify: classifyText });
  return labellers;
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : "—");
const cell = (text: string, width: number) => text.padStart(width);

function matrix(label: "intent" | "sentiment", classes: readonly string[], pairs: { truth: string; guess: string }[]) {
  const width = Math.max(...classes.map((c) => c.length)) + 2;
  console.log(
    `  ${"truth \\ guess".padEnd(width + 2)}${classes.map((c) => cell(c, width)).join("")}   recall   precision`,
  );
  for (const truth of classes) {
    const row = pairs.filter((p) => p.truth === truth);
    const guessedAs = pairs.filter((p) => p.guess === truth);
    const right = row.filter((p) => p.guess === truth).length;
    console.log(
      `  ${truth.padEnd(width + 2)}${classes.map((guess) => cell(String(row.filter((p) => p.guess === guess).length), width)).join("")}   ${pct(right, row.length).padStart(6)}   ${pct(right, guessedAs.length).padStart(6)}`,
    );
  }
  const right = pairs.filter((p) => p.truth === p.guess).length;
  console.log(`  ${label} accuracy: ${pct(right, pairs.length)} (${right}/${pairs.length})`);
}

const byLang = (lang: string) => lines.filter((line) => line.lang === lang).length;
console.log(
  `Test part: ${lines.length} replies (${byLang("fr")} French, ${byLang("en")} English; ${lines.filter((l) => l.channel === "sms").length} SMS, ${lines.filter((l) => l.channel === "email").length} email)`,
);

async function main() {
  for (const labeller of await labellersToMeasure()) {
    const started = process.hrtime.bigint();
    const guesses: { line: CorpusLine; got: Classification }[] = [];
    for (const line of lines) guesses.push({ line, got: await labeller.classify(line.text) });
    const perReplyMs = Number(process.hrtime.bigint() - started) / 1e6 / lines.length;

    console.log(`\n== ${labeller.name}`);
    console.log("intent");
    matrix(
      "intent",
      INTENTS,
      guesses.map((g) => ({ truth: g.line.intent, guess: g.got.intent })),
    );
    console.log("sentiment");
    matrix(
      "sentiment",
      SENTIMENTS,
      guesses.map((g) => ({ truth: g.line.sentiment, guess: g.got.sentiment })),
    );
    const negatives = guesses.filter((g) => g.line.sentiment === "negative");
    const problems = guesses.filter((g) => g.line.intent === "problem" && g.line.friction);
    const forPeople = guesses.filter((g) => g.line.intent === "problem" || g.line.intent === "question");
    const toPerson = forPeople.filter((g) => !isHandledAutomatically(g.got));
    const automatic = guesses.filter((g) => isHandledAutomatically(g.got));
    const automaticRight = automatic.filter((g) => g.line.intent === g.got.intent);
    console.log(
      `negative recall: ${pct(negatives.filter((g) => g.got.sentiment === "negative").length, negatives.length)} (${negatives.filter((g) => g.got.sentiment === "negative").length}/${negatives.length})`,
    );
    console.log(
      `friction of problems: ${pct(problems.filter((g) => g.got.frictionHint === g.line.friction).length, problems.length)} (${FRICTION_HINTS.length} categories)`,
    );
    console.log(
      `problem and question replies left to a person (Needs human): ${pct(toPerson.length, forPeople.length)} (${toPerson.length}/${forPeople.length})`,
    );
    console.log(
      `handled automatically: ${pct(automatic.length, guesses.length)} (${automatic.length}), of which right: ${pct(automaticRight.length, automatic.length)}`,
    );
    console.log(`time per reply: ${perReplyMs.toFixed(2)} ms`);
  }
}

void main();
