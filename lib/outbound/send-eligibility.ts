// Whether a scheduled message may go out now: rules checked at send time, not only when it was
// scheduled. Pure, so every rule is tested on its own.
import type { Channel, Flow } from "@/lib/generated/prisma/enums";
import { STEPS } from "@/lib/outbound/flow-steps";
import { nextSmsSendTime, type SmsWindow } from "@/lib/outbound/quiet-hours";

export type EligibilityInput = {
  message: { flow: Flow; step: string; channel: Channel };
  customer: {
    email: string | null;
    phone: string | null;
    smsConsentAt: Date | null;
    smsOptedOutAt: Date | null;
    smsUnreachableAt: Date | null;
    emailUnsubscribedAt: Date | null;
    emailSuppressedAt: Date | null;
  };
  checkoutCompleted: boolean;
  hasOpenProblem: boolean;
  reviewRecorded: boolean;
  customerReplied: boolean;
  smsZones: string[];
  smsWindow: SmsWindow;
  now: Date;
};

export type SendDecision =
  | { action: "send" }
  | { action: "skip"; reason: string }
  | { action: "cancel"; reason: string }
  | { action: "pause"; reason: string }
  | { action: "defer"; until: Date; reason: string };

const is = (message: EligibilityInput["message"], step: { flow: Flow; step: string }) => message.flow === step.flow && message.step === step.step;

/** Which facts about the customer a step's rules read, so the sender queries only those. */
export function factsNeeded(message: EligibilityInput["message"]): { openProblem: boolean; review: boolean; reply: boolean } {
  const lastReminder = is(message, STEPS.lastReminder);
  const smsRequest = is(message, STEPS.smsReviewRequest);
  return { openProblem: lastReminder || smsRequest || is(message, STEPS.reviewRequest), review: lastReminder || smsRequest, reply: lastReminder };
}

export function decideSend(input: EligibilityInput): SendDecision {
  const { message, customer } = input;
  if (message.channel === "email") {
    if (!customer.email) return { action: "skip", reason: "skipped: no email address" };
    if (customer.emailSuppressedAt) return { action: "skip", reason: "skipped: email suppressed (bounce or complaint)" };
    if (customer.emailUnsubscribedAt) return { action: "skip", reason: "skipped: unsubscribed from email" };
  } else {
    if (!customer.phone) return { action: "skip", reason: "skipped: no phone number" };
    if (customer.smsOptedOutAt) return { action: "skip", reason: "skipped: opted out of SMS (STOP)" };
    if (!customer.smsConsentAt) return { action: "skip", reason: "skipped: no SMS consent recorded" };
    if (customer.smsUnreachableAt) return { action: "skip", reason: "skipped: the number cannot receive SMS" };
  }

  if (message.flow === "abandoned_checkout" && input.checkoutCompleted) return { action: "cancel", reason: "cancelled: the order was placed" };

  const needed = factsNeeded(message);
  if (needed.openProblem && input.hasOpenProblem) return { action: "pause", reason: "paused: the customer has an open problem" };
  if (needed.review && input.reviewRecorded) return { action: "skip", reason: "skipped: a review is already recorded" };
  if (needed.reply && input.customerReplied) return { action: "skip", reason: "skipped: the customer has replied" };

  if (message.channel === "sms") {
    const allowed = nextSmsSendTime(input.now, input.smsZones, input.smsWindow);
    if (allowed > input.now) return { action: "defer", until: allowed, reason: "deferred: night-time for the customer" };
  }
  return { action: "send" };
}
