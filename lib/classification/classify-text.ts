import "server-only";
import type { Classification } from "@/lib/classification/classification";
import { CONFIDENT_INTENT, isConfident } from "@/lib/classification/confidence";
import { classifyLocally } from "@/lib/classification/local-classifier";
import { classifyWithOpenAI } from "@/lib/classification/openai-classifier";
import { configuredChannels } from "@/lib/env";
import { logWarning } from "@/lib/log";

/**
 * The local model first. Its confident answers stand (no API call); otherwise OpenAI, when
 * configured, gives the labels, and the two together say how sure they are: agreeing on the
 * intent is confident, disagreeing is for a person. When OpenAI fails or hangs the local labels
 * are kept with no confidence, so a person sees the reply.
 */
export async function classifyText(text: string): Promise<Classification> {
  const local = classifyLocally(text);
  if (!configuredChannels().ai || isConfident(local)) return local;
  try {
    const remote = await classifyWithOpenAI(text);
    const agreeOnIntent = remote.intent === local.intent;
    return {
      ...remote,
      source: "openai",
      confidence: agreeOnIntent ? Math.max(local.confidence, CONFIDENT_INTENT) : Math.min(local.confidence, 0.5),
      sentimentConfidence:
        remote.sentiment === local.sentiment
          ? Math.max(local.sentimentConfidence, CONFIDENT_INTENT)
          : Math.min(local.sentimentConfidence, 0.5),
    };
  } catch (error) {
    logWarning("classify", "OpenAI failed, using the local classifier and leaving the reply to a person", error);
    return { ...local, confidence: 0, sentimentConfidence: 0 };
  }
}
