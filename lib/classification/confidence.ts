// When a label is sure enough to act on without a person. Tuned on the tuning lines of the
// training corpus (`npm run train:classifier -- --dev`), never on the test part.
import type { Classification } from "@/lib/classification/classification";

/** An intent this likely may be handled automatically (praise's review link, an opt-out). */
export const CONFIDENT_INTENT = 0.85;
/** The sentiment of an automatic thank-you must be this sure to be positive. */
export const CONFIDENT_SENTIMENT = 0.7;

export function isConfident(classification: Pick<Classification, "confidence" | "sentimentConfidence">): boolean {
  return classification.confidence >= CONFIDENT_INTENT && classification.sentimentConfidence >= CONFIDENT_SENTIMENT;
}

/**
 * The only replies that leave the Needs human view: a clear opt-out, and clear praise (which gets
 * the review link). Everything else, unclear, mixed or `other`, is a person's job.
 */
export function isHandledAutomatically(
  classification: Pick<Classification, "intent" | "sentiment" | "confidence" | "sentimentConfidence">,
): boolean {
  if (!isConfident(classification)) return false;
  return (
    classification.intent === "opt_out" ||
    (classification.intent === "praise" && classification.sentiment === "positive")
  );
}
