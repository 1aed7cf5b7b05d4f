import "server-only";
import { configuredChannels } from "@/lib/env";
import type { Classification } from "@/lib/classification/classification";
import { classifyLocally } from "@/lib/classification/local-classifier";
import { classifyWithOpenAI } from "@/lib/classification/openai-classifier";
import { logWarning } from "@/lib/log";

/** OpenAI when configured, the local classifier otherwise or when OpenAI fails or hangs. */
export async function classifyText(text: string): Promise<Classification> {
  if (configuredChannels().ai) {
    try {
      return await classifyWithOpenAI(text);
    } catch (error) {
      logWarning("classify", "OpenAI failed, using the local classifier", error);
    }
  }
  return classifyLocally(text);
}
