// The outgoing flows and their steps, in one place.
import type { Channel, Flow } from "@/lib/generated/prisma/enums";

export type FlowStep = {
  flow: Flow;
  step: string;
  channel: Channel;
  asksForReview: boolean;
  /** How long after its due time the message is still worth sending; later it is skipped ("too late"). */
  usefulForMs: number;
};

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export const STEPS = {
  abandonedHelp: { flow: "abandoned_checkout", step: "help", channel: "email", asksForReview: false, usefulForMs: DAY },
  highValueCartSms: {
    flow: "high_value_cart",
    step: "sms",
    channel: "sms",
    asksForReview: false,
    usefulForMs: 10 * HOUR,
  },
  checkIn: { flow: "post_delivery", step: "day1", channel: "email", asksForReview: false, usefulForMs: 2 * DAY },
  reviewRequest: { flow: "post_delivery", step: "day5", channel: "email", asksForReview: true, usefulForMs: 3 * DAY },
  lastReminder: { flow: "post_delivery", step: "day14", channel: "email", asksForReview: true, usefulForMs: 7 * DAY },
  smsReviewRequest: {
    flow: "sms_review_request",
    step: "review",
    channel: "sms",
    asksForReview: true,
    usefulForMs: 3 * DAY,
  },
} as const satisfies Record<string, FlowStep>;

/** Answers and agents' sends are useful for a couple of days (a night-time SMS waits till morning). */
export const DEFAULT_USEFUL_FOR_MS = 2 * DAY;

/** How long the step is worth sending after its due time. */
export function usefulForMs(message: { flow: Flow; step: string }): number {
  return (
    Object.values(STEPS).find((s) => s.flow === message.flow && s.step === message.step)?.usefulForMs ??
    DEFAULT_USEFUL_FOR_MS
  );
}

/** The high-value cart SMS goes the next day in this window of the customer's time, whatever the shop's SMS window. */
export const HIGH_VALUE_CART_WINDOW = { startHour: 10, endHour: 20 } as const;

/** The automatic reply that sends the review link to a happy customer (by SMS or email). */
export const AUTO_REVIEW_LINK_STEP = "review_link";

/** The review link an agent sends from the inbox, to any customer (never chosen by sentiment). */
export const MANUAL_REVIEW_LINK = { flow: "manual", step: "review_link" } as const satisfies {
  flow: Flow;
  step: string;
};

/** One key per step and subject: scheduling the same thing twice is a no-op. */
export function idempotencyKey(step: FlowStep, subjectId: string): string {
  return `${step.flow}:${step.step}:${subjectId}`;
}

/** The steps that ask for a review: they pause while the customer has an open problem. */
export const REVIEW_STEP_FILTER = {
  OR: [
    { flow: "post_delivery" as const, step: { in: [STEPS.reviewRequest.step, STEPS.lastReminder.step] } },
    { flow: "sms_review_request" as const },
  ],
};

/** The abandoned-checkout flows: an order or any reply cancels what is still waiting in them. */
export const CHECKOUT_FLOWS = ["abandoned_checkout", "high_value_cart"] as const satisfies readonly Flow[];
