import type { FrictionHint, Intent, Sentiment } from "@/lib/generated/prisma/enums";

export type Classification = { sentiment: Sentiment; intent: Intent; frictionHint: FrictionHint | null; source: "openai" | "local" };

export const SENTIMENTS = ["positive", "neutral", "negative"] as const satisfies readonly Sentiment[];
export const INTENTS = ["praise", "problem", "question", "opt_out", "other"] as const satisfies readonly Intent[];
export const FRICTION_HINTS = ["payment_authentication", "card_declined", "shipping_cost", "delivery", "product_confusion", "other"] as const satisfies readonly FrictionHint[];
