// Whether a scheduled message may go out now: rules checked at send time, not only when it was
// scheduled. Pure, so every rule is tested on its own.
import { cancelReasonText } from "@/lib/delivery/cancel-reasons";
import { isMetaChannel } from "@/lib/channels/channels";
import { replyWindow } from "@/lib/channels/reply-window";
import { contactBlock, type ContactBlock, type ContactFacts, type Writer } from "@/lib/consent/contact-rules";
import type { Channel, DayFiveEmail, Flow } from "@/lib/generated/prisma/enums";
import { STEPS } from "@/lib/outbound/flow-steps";
import { nextSmsSendTime, type SmsWindow } from "@/lib/outbound/quiet-hours";

const DAY_MS = 24 * 60 * 60 * 1000;

export type EligibilityInput = {
  message: {
    flow: Flow;
    step: string;
    channel: Channel;
    /** Past this time the message is not worth sending any more. */
    latestAt?: Date | null;
    /** When a review step was paused for an open problem. */
    pausedAt?: Date | null;
  };
  customer: ContactFacts;
  checkoutCompleted: boolean;
  hasOpenProblem: boolean;
  reviewRecorded: boolean;
  customerReplied: boolean;
  /** Review steps pause for an open problem at most this long, then go anyway (no review gating). */
  maxReviewPauseMs?: number;
  /** The last automated review ask sent to this customer, on any channel. */
  lastReviewAskAt?: Date | null;
  /** Day-5 email and SMS request: this order's review link already went with a thank-you on Messenger or Instagram. */
  thankedInChat?: boolean;
  /** Messenger and Instagram (answers only): when the customer last wrote to us there. */
  lastChatMessageAt?: Date | null;
  /** Day-5 email only: an SMS review request is this order's review ask. */
  smsAsksForThisOrder?: boolean;
  /** Day-5 email only: what it becomes when the SMS is the ask (Settings). */
  day5EmailWithSms?: DayFiveEmail;
  smsZones: string[];
  smsWindow: SmsWindow;
  now: Date;
};

export type SendDecision =
  | { action: "send"; variant?: "check_in" }
  | { action: "skip"; reason: string }
  | { action: "cancel"; reason: string }
  | { action: "pause"; reason: string }
  | { action: "defer"; until: Date; reason: string };

export const TOO_LATE_REASON = "skipped: too late";

/** What a skipped message records when the customer cannot be written to (ScheduledMessage.statusReason). */
const CONTACT_SKIP_REASON: Record<ContactBlock, string> = {
  no_email_address: "skipped: no email address",
  email_suppressed: "skipped: email suppressed (bounce or complaint)",
  email_unsubscribed: "skipped: unsubscribed from email",
  no_phone: "skipped: no phone number",
  sms_opted_out: "skipped: opted out of SMS (STOP)",
  sms_unreachable: "skipped: the number cannot receive SMS",
  no_sms_consent: "skipped: no SMS consent recorded",
  shop_cannot_write_first: "skipped: only answers may go on this channel",
  never_wrote_here: "skipped: the customer never wrote on this channel",
  reply_window_closed: "skipped: the reply window has closed",
};
export const DEFAULT_MAX_REVIEW_PAUSE_MS = 7 * DAY_MS;

const is = (message: { flow: Flow; step: string }, step: { flow: Flow; step: string }) =>
  message.flow === step.flow && message.step === step.step;

/** Automated review asks: at most one per customer per day, whatever the channel. */
export function isAutomatedReviewAsk(message: { flow: Flow; step: string }): boolean {
  return is(message, STEPS.reviewRequest) || is(message, STEPS.lastReminder) || is(message, STEPS.smsReviewRequest);
}

/** Which facts about the customer a step's rules read, so the sender queries only those. */
export function factsNeeded(message: EligibilityInput["message"]): {
  openProblem: boolean;
  review: boolean;
  reply: boolean;
  lastAsk: boolean;
  smsAsk: boolean;
  chatThanks: boolean;
  chatWindow: boolean;
} {
  const lastReminder = is(message, STEPS.lastReminder);
  const smsRequest = is(message, STEPS.smsReviewRequest);
  const reviewRequest = is(message, STEPS.reviewRequest);
  return {
    openProblem: lastReminder || smsRequest || reviewRequest,
    review: lastReminder || smsRequest,
    reply: lastReminder,
    lastAsk: isAutomatedReviewAsk(message),
    smsAsk: reviewRequest,
    chatThanks: reviewRequest || smsRequest,
    chatWindow: isMetaChannel(message.channel),
  };
}

export function decideSend(input: EligibilityInput): SendDecision {
  const { message, now } = input;
  const { customer, writer } = contactOf(input);
  const blocked = contactBlock(message.channel, customer, writer);
  if (blocked) return { action: "skip", reason: CONTACT_SKIP_REASON[blocked] };

  if ((message.flow === "abandoned_checkout" || message.flow === "high_value_cart") && input.checkoutCompleted)
    return { action: "cancel", reason: cancelReasonText({ kind: "order_placed" }) };
  // A day-5 "how is your lamp?" forty days late reads as a robot's.
  if (message.latestAt && now > message.latestAt) return { action: "skip", reason: TOO_LATE_REASON };

  const needed = factsNeeded(message);
  const pauseOver =
    message.pausedAt &&
    now.getTime() - message.pausedAt.getTime() >= (input.maxReviewPauseMs ?? DEFAULT_MAX_REVIEW_PAUSE_MS);
  if (needed.openProblem && input.hasOpenProblem && !pauseOver)
    return { action: "pause", reason: "paused: the customer has an open problem" };
  if (needed.review && input.reviewRecorded) return { action: "skip", reason: "skipped: a review is already recorded" };
  if (needed.chatThanks && input.thankedInChat)
    return { action: "skip", reason: "skipped: the review link went with a thank-you on Messenger or Instagram" };
  if (needed.reply && input.customerReplied) return { action: "skip", reason: "skipped: the customer has replied" };

  // With SMS consent the SMS is the day-5 ask: the email is skipped or becomes a plain check-in.
  let variant: "check_in" | undefined;
  if (needed.smsAsk && input.smsAsksForThisOrder) {
    if ((input.day5EmailWithSms ?? "skip") === "skip")
      return { action: "skip", reason: "skipped: the SMS is this order's review request" };
    variant = "check_in";
  }
  if (
    isAutomatedReviewAsk(message) &&
    !variant &&
    input.lastReviewAskAt &&
    now.getTime() - input.lastReviewAskAt.getTime() < DAY_MS
  ) {
    const until = new Date(input.lastReviewAskAt.getTime() + DAY_MS);
    return {
      action: "defer",
      until: message.channel === "sms" ? nextSmsSendTime(until, input.smsZones, input.smsWindow) : until,
      reason: "deferred: one review request a day",
    };
  }

  if (message.channel === "sms") {
    const allowed = nextSmsSendTime(now, input.smsZones, input.smsWindow);
    if (allowed > now) return { action: "defer", until: allowed, reason: "deferred: night-time for the customer" };
  }
  return variant ? { action: "send", variant } : { action: "send" };
}

/**
 * Who writes, and what the rules know of the customer. On Messenger and Instagram a message is only
 * ever an answer (the review link for a happy message), within the standard 24-hour window: the
 * HUMAN_AGENT tag is for a person's answers, never for automation.
 */
function contactOf(input: EligibilityInput): { customer: ContactFacts; writer: Writer } {
  const { message, customer, now } = input;
  // Only an automatic reply answers the customer; any other step would be the shop writing first.
  if (!isMetaChannel(message.channel) || message.flow !== "auto_reply") return { customer, writer: { kind: "shop" } };
  const wrote = input.lastChatMessageAt;
  return {
    customer: { ...customer, replyWindows: wrote ? { [message.channel]: replyWindow(wrote, now, false) } : {} },
    writer: { kind: "answer", customerTexted: true },
  };
}
