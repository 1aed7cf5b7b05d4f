import "server-only";
import { z } from "zod";
import { openAIClient } from "@/lib/ai/openai-client";
import { FRICTION_HINTS, INTENTS, SENTIMENTS, type Classification } from "@/lib/classification/classification";

/** OpenAI's labels; how sure they are is decided with the local model (classify-text.ts). */
export type OpenAILabels = Pick<Classification, "sentiment" | "intent" | "frictionHint">;

const TIMEOUT_MS = 5_000;
const RETRIES = 1;

const answerSchema = z.object({
  sentiment: z.enum(SENTIMENTS),
  intent: z.enum(INTENTS),
  friction_hint: z.enum(FRICTION_HINTS).nullable(),
});

const INSTRUCTIONS = `You label short customer replies (French or English) to a small online shop's emails and texts.
Answer with JSON: sentiment (positive, neutral, negative), intent (praise, problem, question, opt_out, other), friction_hint.
- problem: something is wrong and needs a human (damaged, missing, late, "delivered" but not received, wrong item, payment or 3-D Secure failure, card declined, charged twice, refund, shipping cost complaint), even inside praise ("love it but the cable is too short"), even sarcastic. "stop charging me twice" or "stop, you charged me twice" is a problem, not an opt-out.
- question: asks something, reports nothing wrong; a thank-you with a question is a question. opt_out: the whole point is no more messages. praise: happy, nothing to fix, nothing to answer. other: auto-replies, wrong number, "who is this?", a bare "ok", anything else.
- sentiment negative: unhappy, disappointed, annoyed or worried, even when polite; a problem is negative unless the customer says plainly they are not bothered.
- friction_hint only for a problem: payment_authentication, card_declined, shipping_cost, delivery, product_confusion or other; null otherwise.`;

/** Labels by OpenAI (OPENAI_BASE_URL, OPENAI_MODEL); throws on any failure so the caller can fall back. */
export async function classifyWithOpenAI(text: string): Promise<OpenAILabels> {
  const { client, model } = openAIClient({ timeoutMs: TIMEOUT_MS, maxRetries: RETRIES });
  const completion = await client.chat.completions.create({
    model,
    temperature: 0,
    messages: [
      { role: "system", content: INSTRUCTIONS },
      { role: "user", content: text.slice(0, 4000) },
    ],
    response_format: {
      type: "json_schema",
      json_schema: {
        name: "reply_label",
        strict: true,
        schema: {
          type: "object",
          additionalProperties: false,
          required: ["sentiment", "intent", "friction_hint"],
          properties: {
            sentiment: { type: "string", enum: [...SENTIMENTS] },
            intent: { type: "string", enum: [...INTENTS] },
            friction_hint: { type: ["string", "null"], enum: [...FRICTION_HINTS, null] },
          },
        },
      },
    },
  });
  const answer = answerSchema.parse(JSON.parse(completion.choices[0]?.message.content ?? "{}"));
  return {
    sentiment: answer.sentiment,
    intent: answer.intent,
    frictionHint: answer.intent === "problem" ? (answer.friction_hint ?? "other") : null,
  };
}
