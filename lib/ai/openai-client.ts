import "server-only";
import OpenAI from "openai";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import { env, type Env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** The whole wait for a draft, retry included: a person is looking at a spinner. */
export const DRAFT_TIMEOUT_MS = 20_000;
const RETRIES = 1;

export const ENABLE_AI_MESSAGE =
  "AI drafts need OPENAI_API_KEY. To turn them on, set OPENAI_API_KEY in the server's environment (and OPENAI_BASE_URL for an OpenAI-compatible server), then restart the app.";

/** timeoutMs: the wait before giving up; env: for tests of an unconfigured server. */
export type AiCallOptions = { timeoutMs?: number; env?: Env };

/**
 * The one OpenAI client of the app, from OPENAI_API_KEY, OPENAI_BASE_URL and OPENAI_MODEL.
 * Throws a plain AppError explaining how to enable AI when no key is set.
 */
export function openAIClient({
  timeoutMs = DRAFT_TIMEOUT_MS,
  maxRetries = RETRIES,
  env: e = env(),
}: AiCallOptions & { maxRetries?: number } = {}): { client: OpenAI; model: string } {
  if (!e.OPENAI_API_KEY) throw new AppError("not_configured", ENABLE_AI_MESSAGE);
  return {
    client: new OpenAI({ apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL, timeout: timeoutMs, maxRetries }),
    model: e.OPENAI_MODEL,
  };
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} second${ms === 1000 ? "" : "s"}`;

class DeadlineReached extends Error {}

/** Turns an OpenAI failure into a message a person can act on; anything unexpected is returned as is. */
export function aiFailure(
  error: unknown,
  { timeoutMs, model, baseURL }: { timeoutMs: number; model: string; baseURL: string },
): unknown {
  if (error instanceof AppError) return error;
  if (
    error instanceof DeadlineReached ||
    error instanceof OpenAI.APIConnectionTimeoutError ||
    error instanceof OpenAI.APIUserAbortError
  ) {
    return new AppError("provider_unavailable", `OpenAI did not answer within ${seconds(timeoutMs)}; try again.`);
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new AppError(
      "provider_unavailable",
      `Could not reach OpenAI at ${new URL(baseURL).host}. Check OPENAI_BASE_URL and the server's network, then try again.`,
    );
  }
  if (error instanceof OpenAI.APIError && typeof error.status === "number") {
    const status = error.status;
    if (status === 401)
      return new AppError(
        "not_configured",
        "OpenAI refused the key (401). Check OPENAI_API_KEY in the server's environment.",
      );
    if (status === 403)
      return new AppError(
        "not_configured",
        `OpenAI refused the request (403): the key may not have access to the model "${model}". Check OPENAI_MODEL.`,
      );
    if (status === 404)
      return new AppError(
        "not_configured",
        `OpenAI did not find the model "${model}" (404). Check OPENAI_MODEL and OPENAI_BASE_URL.`,
      );
    if (status === 429)
      return new AppError(
        "provider_unavailable",
        "OpenAI is limiting requests for this key (429): too many at once, or the quota is used up. Wait a minute and try again.",
      );
    if (status >= 500)
      return new AppError(
        "provider_unavailable",
        `OpenAI failed (${status}). This is on OpenAI's side; try again in a moment.`,
      );
    // The API's own words (never the key: 401 is handled above), short.
    const reason = error.message.replace(/^\d{3}\s*/, "").slice(0, 200);
    return new AppError(
      "provider_unavailable",
      `OpenAI rejected the request (${status})${reason ? `: ${reason}` : ""}.`,
    );
  }
  return error;
}

/**
 * One chat completion with a hard deadline (timeoutMs covers the retry too), returning the
 * assistant's text. Every failure a person can act on becomes a plain AppError.
 */
export async function completeChat(
  request: Omit<ChatCompletionCreateParamsNonStreaming, "model">,
  options: AiCallOptions = {},
): Promise<string> {
  const timeoutMs = options.timeoutMs ?? DRAFT_TIMEOUT_MS;
  const { client, model } = openAIClient(options);
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new DeadlineReached());
    }, timeoutMs);
  });
  try {
    const completion = await Promise.race([
      client.chat.completions.create({ ...request, model }, { signal: controller.signal }),
      deadline,
    ]);
    const message = completion.choices[0]?.message;
    if (message?.refusal)
      throw new AppError("bad_request", `OpenAI declined to write this: ${message.refusal.slice(0, 200)}`);
    const content = message?.content?.trim();
    if (!content) throw new AppError("provider_unavailable", "OpenAI answered with nothing; try again.");
    return content;
  } catch (error) {
    throw aiFailure(error, { timeoutMs, model, baseURL: client.baseURL });
  } finally {
    clearTimeout(timer);
  }
}
