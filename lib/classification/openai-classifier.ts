import "server-only";
import { z } from "zod";
import { openAIClient } from "@/lib/ai/openai-client";
import { FRICTION_HINTS, INTENTS, SENTIMENTS, type Classification } from "@/lib/classification/classification";

const TIMEOUT_MS = 5_000;
const RETRIES = 1;

const answerSchema = z.object({ sentiment: z.enum(SENTIMENTS), intent: z.enum(INTENTS), friction_hint: z.enum(FRICTION_HINTS).nullable() });

const INSTRUCTIONS = `You label short customer replies (French or English) to a small online shop's emails and texts.
Answer with JSON: sentiment (positive, neutral, negative), intent (praise, problem, question, opt_out, other), friction_hint.
- problem: something is wrong and needs a human (damaged, missing, late, payment or 3-D Secure failure, card declined, charged twice, refund, shipping cost complaint). "stop charging me twice" is a problem, not an opt-out.
- question: asks something, reports nothing wrong. opt_out: wants no more messages. praise: happy, nothing to fix. other: anything else.
- friction_hint only for a problem: payment_authentication, card_declined, shipping_cost, delivery, product_confusion or other; null otherwise.`;

/** Classification by OpenAI (OPENAI_BASE_URL, OPENAI_MODEL); throws on any failure so the caller can fall back. */
export async function classifyWithOpenAI(text: string): Promise<Classification> {
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
          properties: { sentiment: { type: "string", enum: [...SENTIMENTS] }, intent: { type: "string", enum: [...INTENTS] }, friction_hint: { type: ["string", "null"], enum: [...FRICTION_HINTS, null] } },
        },
      },
    },
  });
  const answer = answerSchema.parse(JSON.parse(completion.choices[0]?.message.content ?? "{}"));
  return { sentiment: answer.sentiment, intent: answer.intent, frictionHint: answer.intent === "problem" ? (answer.friction_hint ?? "other") : null, source: "openai" };
}
