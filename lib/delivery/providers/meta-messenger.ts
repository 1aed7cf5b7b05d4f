import "server-only";
import { z } from "zod";
import { env } from "@/lib/env";
import { isConnectFailure, parseRetryAfter, type SendOutcome } from "@/lib/delivery/providers/send-outcome";

// Meta's Send API (Messenger and Instagram Direct) over HTTP: Meta publishes no Node SDK. The base
// URL and version come from env (a local fake in tests); answers and errors are read with zod.

export type OutgoingMetaMessage = {
  /** The person's page-scoped (or Instagram-scoped) id. */
  recipientId: string;
  text: string;
  /** HUMAN_AGENT: a person's answer after the 24-hour window, within 7 days (needs the permission). */
  tag: null | "HUMAN_AGENT";
};

const TIMEOUT_MS = 15_000;

const sent = z.object({ recipient_id: z.string().optional(), message_id: z.string().min(1) });
const failure = z.object({
  error: z.object({
    message: z.string().default("no message"),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
  }),
});

// Graph API error codes: 4, 32, 613 rate limits; 10 with subcode 2018278 outside the window;
// 551 / 1545041 the person is not available; 100 bad parameter (an unknown recipient).
const RATE_LIMITED = new Set([4, 32, 613]);

export function sendApiUrl(): string {
  const { META_GRAPH_API_URL, META_GRAPH_API_VERSION } = env();
  return `${META_GRAPH_API_URL.replace(/\/$/, "")}/${META_GRAPH_API_VERSION}/me/messages`;
}

export async function sendMetaMessage(message: OutgoingMetaMessage): Promise<SendOutcome> {
  const token = env().META_PAGE_ACCESS_TOKEN;
  if (!token) return { kind: "permanent", error: "Messenger is not configured on this server." };
  let response: Response;
  try {
    response = await fetch(`${sendApiUrl()}?access_token=${encodeURIComponent(token)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        recipient: { id: message.recipientId },
        messaging_type: message.tag ? "MESSAGE_TAG" : "RESPONSE",
        ...(message.tag ? { tag: message.tag } : {}),
        message: { text: message.text },
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    return isConnectFailure(error)
      ? { kind: "transient", error: `Meta unreachable: ${String(error)}` }
      : { kind: "unknown", error: `Meta did not answer: ${String(error)}` };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const ok = sent.safeParse(body);
    return ok.success
      ? { kind: "sent", providerMessageId: ok.data.message_id }
      : { kind: "unknown", error: `Meta answered ${response.status} without a message id` };
  }
  const parsed = failure.safeParse(body);
  const {
    message: text = `HTTP ${response.status}`,
    code,
    error_subcode: subcode,
  } = parsed.success ? parsed.data.error : {};
  const error = `Meta ${response.status}/${code ?? "?"}${subcode ? `/${subcode}` : ""}: ${text}`;
  // Refused before any work (busy, rate-limited): safe to send again. Another server error may come
  // after the message went, and Meta cannot be searched: unknown, never resent blindly.
  if (response.status === 429 || response.status === 503 || (code !== undefined && RATE_LIMITED.has(code)))
    return { kind: "transient", error, retryAfterMs: parseRetryAfter(response.headers.get("retry-after")) };
  if (response.status >= 500) return { kind: "unknown", error };
  return { kind: "permanent", error, code: code === undefined ? undefined : String(subcode ?? code) };
}

const profile = z.object({
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  name: z.string().optional(),
});

/**
 * The person's name as Meta gives it (Messenger: first and last; Instagram: name), or null: Meta
 * may refuse it (privacy settings, a missing permission) and nothing depends on it.
 */
export async function fetchMetaProfile(
  personId: string,
  platform: "messenger" | "instagram",
): Promise<{ firstName: string | null; lastName: string | null } | null> {
  const { META_PAGE_ACCESS_TOKEN: token, META_GRAPH_API_URL, META_GRAPH_API_VERSION } = env();
  if (!token || !/^\d+$/.test(personId)) return null;
  const url = `${META_GRAPH_API_URL.replace(/\/$/, "")}/${META_GRAPH_API_VERSION}/${personId}?fields=${platform === "instagram" ? "name" : "first_name,last_name"}&access_token=${encodeURIComponent(token)}`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!response.ok) return null;
    const parsed = profile.safeParse(await response.json());
    if (!parsed.success) return null;
    const [first, ...rest] = (parsed.data.name ?? "").trim().split(/\s+/).filter(Boolean);
    const firstName = parsed.data.first_name ?? first ?? null;
    const lastName = parsed.data.last_name ?? (rest.join(" ") || null);
    return firstName || lastName ? { firstName, lastName } : null;
  } catch {
    return null;
  }
}
