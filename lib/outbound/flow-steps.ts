// The outgoing flows and their steps, in one place.
import type { Channel, Flow } from "@/lib/generated/prisma/enums";

export type FlowStep = { flow: Flow; step: string; channel: Channel; asksForReview: boolean };

export const STEPS = {
  abandonedHelp: { flow: "abandoned_checkout", step: "help", channel: "email", asksForReview: false },
  checkIn: { flow: "post_delivery", step: "day1", channel: "email", asksForReview: false },
  reviewRequest: { flow: "post_delivery", step: "day5", channel: "email", asksForReview: true },
  lastReminder: { flow: "post_delivery", step: "day14", channel: "email", asksForReview: true },
  smsReviewRequest: { flow: "sms_review_request", step: "review", channel: "sms", asksForReview: true },
} as const satisfies Record<string, FlowStep>;

/** The automatic reply that sends the review link to a happy customer (by SMS or email). */
export const AUTO_REVIEW_LINK_STEP = "review_link";

/** The review link an agent sends from the inbox, to any customer (never chosen by sentiment). */
export const MANUAL_REVIEW_LINK = { flow: "manual", step: "review_link" } as const satisfies { flow: Flow; step: string };

/** One key per step and subject: scheduling the same thing twice is a no-op. */
export function idempotencyKey(step: FlowStep, subjectId: string): string {
  return `${step.flow}:${step.step}:${subjectId}`;
}

/** The steps that ask for a review pause while the customer has an open problem. */
export const REVIEW_STEP_FILTER = {
  OR: [
    { flow: "post_delivery" as const, step: { in: [STEPS.reviewRequest.step, STEPS.lastReminder.step] } },
    { flow: "sms_review_request" as const },
  ],
};
