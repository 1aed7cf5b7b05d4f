import type { FrictionHint, Intent, Sentiment } from "@/lib/generated/prisma/enums";

export type Classification = {
  sentiment: Sentiment;
  intent: Intent;
  frictionHint: FrictionHint | null;
  source: "openai" | "local";
  /** How sure the labeller is of the intent (0 to 1); a low figure sends the reply to a person. */
  confidence: number;
  /** The same for the sentiment. */
  sentimentConfidence: number;
};

export const SENTIMENTS = ["positive", "neutral", "negative"] as const satisfies readonly Sentiment[];
export const INTENTS = ["praise", "problem", "question", "opt_out", "other"] as const satisfies readonly Intent[];
export const FRICTION_HINTS = [
  "payment_authentication",
  "card_declined",
  "shipping_cost",
  "delivery",
  "product_confusion",
  "other",
] as const satisfies readonly FrictionHint[];

export type { FrictionHint, Intent, Sentiment };
