// The labelled replies the reply model learns from and is measured on. Definitions:
// docs/CLASSIFIER_LABELS.md. Files in tests/fixtures/classifier/corpus/: train-*.jsonl, written by
// four writers from the definitions only, plus the older replies.jsonl; test.jsonl, written by a
// fifth writer and never read while training or tuning. Pure helpers; the scripts do the I/O.
import { createHash } from "node:crypto";
import { z } from "zod";
import { FRICTION_HINTS, INTENTS, SENTIMENTS } from "@/lib/classification/classification";

export const corpusLineSchema = z
  .object({
    text: z.string().min(1),
    lang: z.enum(["fr", "en"]),
    channel: z.enum(["sms", "email"]),
    intent: z.enum(INTENTS),
    sentiment: z.enum(SENTIMENTS),
    friction: z.enum(FRICTION_HINTS).nullable().optional(),
  })
  .refine(
    (line) => (line.intent === "problem") === (line.friction != null) || line.friction === undefined,
    "friction is set exactly for problems",
  );

export type CorpusLine = z.infer<typeof corpusLineSchema>;

/** Parses a JSONL file's text; each bad line is an error naming its number. */
export function parseCorpus(text: string, name: string): CorpusLine[] {
  return text
    .split("\n")
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.trim())
    .map(({ line, index }) => {
      const parsed = corpusLineSchema.safeParse(JSON.parse(line));
      if (!parsed.success)
        throw new Error(`${name}:${index + 1}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
      return parsed.data;
    });
}

/**
 * The fixed tuning split of the training files: about one line in seven, chosen by a hash of
 * its text, so it does not move when lines are added elsewhere.
 */
export function isDevLine(line: CorpusLine): boolean {
  return foldOf(line, 7) === 0;
}

/** Which of `folds` folds a line falls in, by a hash of its text (cross-validation while tuning). */
export function foldOf(line: CorpusLine, folds: number): number {
  return createHash("sha256").update(line.text).digest()[0]! % folds;
}
