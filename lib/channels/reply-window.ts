// When the shop may answer a person on Messenger or Instagram: within 24 hours of their last
// message (the standard messaging window); up to 7 days with the HUMAN_AGENT tag, only when the
// shop says its Meta app was granted that permission; never after. Pure.

const HOUR_MS = 60 * 60_000;
export const STANDARD_WINDOW_MS = 24 * HOUR_MS;
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR_MS;

export type ReplyWindow =
  | { open: true; tag: null | "HUMAN_AGENT"; closesAt: Date }
  | { open: false; reason: "never_wrote" | "window_closed" | "human_agent_closed"; closedAt: Date | null };

export function replyWindow(lastCustomerMessageAt: Date | null, now: Date, humanAgentAllowed: boolean): ReplyWindow {
  if (!lastCustomerMessageAt) return { open: false, reason: "never_wrote", closedAt: null };
  const standardEnd = new Date(lastCustomerMessageAt.getTime() + STANDARD_WINDOW_MS);
  if (now < standardEnd) return { open: true, tag: null, closesAt: standardEnd };
  if (!humanAgentAllowed) return { open: false, reason: "window_closed", closedAt: standardEnd };
  const humanEnd = new Date(lastCustomerMessageAt.getTime() + HUMAN_AGENT_WINDOW_MS);
  if (now < humanEnd) return { open: true, tag: "HUMAN_AGENT", closesAt: humanEnd };
  return { open: false, reason: "human_agent_closed", closedAt: humanEnd };
}
