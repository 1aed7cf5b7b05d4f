import { describe, expect, it } from "vitest";
import { statusReasonLabel } from "@/lib/i18n/labels";
import { STEPS } from "@/lib/outbound/flow-steps";
import {
  decideSend,
  DEFAULT_MAX_REVIEW_PAUSE_MS,
  TOO_LATE_REASON,
  type EligibilityInput,
} from "@/lib/outbound/send-eligibility";

const noon = new Date("2026-11-23T11:00:00Z"); // 12:00 in Paris
const DAY = 24 * 3600_000;
const base: EligibilityInput = {
  message: STEPS.reviewRequest,
  customer: {
    email: "c@example.test",
    phone: "+33612345678",
    smsConsentAt: new Date("2026-11-01"),
    smsOptedOutAt: null,
    smsUnreachableAt: null,
    emailUnsubscribedAt: null,
    emailSuppressedAt: null,
  },
  checkoutCompleted: false,
  hasOpenProblem: false,
  reviewRecorded: false,
  customerReplied: false,
  smsZones: ["Europe/Paris"],
  smsWindow: { startHour: 10, endHour: 20 },
  now: noon,
};
const decide = (overrides: Partial<EligibilityInput>, customer: Partial<EligibilityInput["customer"]> = {}) =>
  decideSend({ ...base, ...overrides, customer: { ...base.customer, ...customer } });

describe("decideSend", () => {
  it("sends when nothing stands in the way", () => {
    expect(decide({})).toEqual({ action: "send" });
    expect(decide({ message: STEPS.smsReviewRequest })).toEqual({ action: "send" });
  });

  it("never emails a suppressed or unsubscribed address", () => {
    expect(decide({}, { emailSuppressedAt: noon })).toMatchObject({
      action: "skip",
      reason: "skipped: email suppressed (bounce or complaint)",
    });
    expect(decide({}, { emailUnsubscribedAt: noon })).toMatchObject({
      action: "skip",
      reason: "skipped: unsubscribed from email",
    });
    expect(decide({}, { email: null })).toMatchObject({ action: "skip" });
  });

  it("never texts without consent, after STOP, or an unreachable number", () => {
    const sms = { message: STEPS.smsReviewRequest };
    expect(decide(sms, { smsConsentAt: null })).toMatchObject({
      action: "skip",
      reason: "skipped: no SMS consent recorded",
    });
    expect(decide(sms, { smsOptedOutAt: noon })).toMatchObject({
      action: "skip",
      reason: "skipped: opted out of SMS (STOP)",
    });
    expect(decide(sms, { smsUnreachableAt: noon })).toMatchObject({ action: "skip" });
  });

  it("cancels the help email once the order is placed", () => {
    expect(decide({ message: STEPS.abandonedHelp, checkoutCompleted: true })).toEqual({
      action: "cancel",
      reason: "cancelled: the order was placed",
    });
  });

  it("pauses review requests, not the check-in, while a problem is open", () => {
    expect(decide({ hasOpenProblem: true })).toMatchObject({ action: "pause" });
    expect(decide({ message: STEPS.smsReviewRequest, hasOpenProblem: true })).toMatchObject({ action: "pause" });
    expect(decide({ message: STEPS.checkIn, hasOpenProblem: true })).toEqual({ action: "send" });
  });

  it("skips the day 14 reminder and the SMS once a review is recorded, and day 14 after a reply", () => {
    expect(decide({ message: STEPS.lastReminder, reviewRecorded: true })).toMatchObject({
      action: "skip",
      reason: "skipped: a review is already recorded",
    });
    expect(decide({ message: STEPS.smsReviewRequest, reviewRecorded: true })).toMatchObject({ action: "skip" });
    expect(decide({ message: STEPS.lastReminder, customerReplied: true })).toMatchObject({
      action: "skip",
      reason: "skipped: the customer has replied",
    });
    // The day 5 request goes to every eligible customer (no review gating).
    expect(decide({ reviewRecorded: true, customerReplied: true })).toEqual({ action: "send" });
  });

  it("defers a night-time SMS to the morning, never drops it", () => {
    const night = new Date("2026-11-23T22:00:00Z");
    expect(decide({ message: STEPS.smsReviewRequest, now: night })).toEqual({
      action: "defer",
      until: new Date("2026-11-24T09:00:00Z"),
      reason: "deferred: night-time for the customer",
    });
    expect(decide({ now: night })).toEqual({ action: "send" }); // email has no quiet hours
  });

  it("skips a message past its latest useful time, never sends it late, and still cancels a recovered checkout first", () => {
    const hourBefore = new Date(noon.getTime() - 3600_000);
    expect(decide({ message: { ...STEPS.checkIn, latestAt: hourBefore } })).toEqual({
      action: "skip",
      reason: TOO_LATE_REASON,
    });
    expect(decide({ message: { ...STEPS.checkIn, latestAt: noon } })).toEqual({ action: "send" });
    expect(
      decide({ message: { ...STEPS.abandonedHelp, latestAt: hourBefore }, checkoutCompleted: true }),
    ).toMatchObject({ action: "cancel" });
  });

  it("pauses a review ask for an open problem at most the shop's maximum, then sends it", () => {
    const pausedAt = (msAgo: number) => new Date(noon.getTime() - msAgo);
    expect(
      decide({
        message: { ...STEPS.reviewRequest, pausedAt: pausedAt(DEFAULT_MAX_REVIEW_PAUSE_MS - 1) },
        hasOpenProblem: true,
      }),
    ).toMatchObject({ action: "pause" });
    expect(
      decide({
        message: { ...STEPS.reviewRequest, pausedAt: pausedAt(DEFAULT_MAX_REVIEW_PAUSE_MS) },
        hasOpenProblem: true,
      }),
    ).toEqual({ action: "send" });
    expect(
      decide({
        message: { ...STEPS.smsReviewRequest, pausedAt: pausedAt(2 * DAY) },
        hasOpenProblem: true,
        maxReviewPauseMs: 2 * DAY,
      }),
    ).toEqual({ action: "send" });
  });

  it("asks for a review at most once a day, whatever the channel: the next ask waits a day after the last", () => {
    const lastReviewAskAt = new Date(noon.getTime() - 2 * 3600_000);
    const until = new Date(lastReviewAskAt.getTime() + DAY);
    expect(decide({ message: STEPS.lastReminder, lastReviewAskAt })).toEqual({
      action: "defer",
      until,
      reason: "deferred: one review request a day",
    });
    expect(decide({ message: STEPS.smsReviewRequest, lastReviewAskAt })).toEqual({
      action: "defer",
      until,
      reason: "deferred: one review request a day",
    });
    expect(decide({ message: STEPS.lastReminder, lastReviewAskAt: new Date(noon.getTime() - DAY) })).toEqual({
      action: "send",
    });
    // The check-in is not an ask.
    expect(decide({ message: STEPS.checkIn, lastReviewAskAt })).toEqual({ action: "send" });
    // A deferred SMS still lands in the customer's daytime: 23:00 in Paris becomes 10:00 next day.
    const lateAsk = new Date("2026-11-23T21:30:00Z");
    expect(
      decide({ message: STEPS.smsReviewRequest, lastReviewAskAt: lateAsk, now: new Date("2026-11-24T11:00:00Z") }),
    ).toEqual({
      action: "defer",
      until: new Date("2026-11-25T09:00:00Z"),
      reason: "deferred: one review request a day",
    });
  });

  it("makes the day-5 email no ask when the SMS asks: skipped by default, or sent as a plain check-in", () => {
    expect(decide({ smsAsksForThisOrder: true })).toEqual({
      action: "skip",
      reason: "skipped: the SMS is this order's review request",
    });
    expect(decide({ smsAsksForThisOrder: true, day5EmailWithSms: "check_in", lastReviewAskAt: noon })).toEqual({
      action: "send",
      variant: "check_in",
    });
    expect(decide({ smsAsksForThisOrder: false })).toEqual({ action: "send" });
  });

  it("sends the high-value cart SMS only in its own window, and cancels it once the order is placed", () => {
    const evening = new Date("2026-11-23T19:30:00Z"); // 20:30 in Paris
    const window = { startHour: 10, endHour: 20 };
    expect(decide({ message: STEPS.highValueCartSms, smsWindow: window })).toEqual({ action: "send" });
    expect(decide({ message: STEPS.highValueCartSms, smsWindow: window, now: evening })).toMatchObject({
      action: "defer",
    });
    expect(decide({ message: STEPS.highValueCartSms, checkoutCompleted: true })).toMatchObject({ action: "cancel" });
    expect(decide({ message: STEPS.highValueCartSms }, { smsConsentAt: null })).toMatchObject({
      action: "skip",
      reason: "skipped: no SMS consent recorded",
    });
  });

  describe("on Messenger and Instagram (answers only)", () => {
    const chat = { message: { flow: "auto_reply" as const, step: "review_link", channel: "instagram" as const } };

    it("answers within 24 hours of the customer's last message there, whatever their email and SMS state", () => {
      const wrote = new Date(noon.getTime() - 23 * 3600_000);
      expect(decide({ ...chat, lastChatMessageAt: wrote }, { email: null, phone: null })).toEqual({ action: "send" });
      // At night in their time zone too: quiet hours are for texts the shop starts.
      expect(decide({ ...chat, lastChatMessageAt: wrote, smsWindow: { startHour: 13, endHour: 14 } })).toEqual({
        action: "send",
      });
    });

    it("never past the window (automation never uses the HUMAN_AGENT tag), nor to someone who never wrote there", () => {
      expect(decide({ ...chat, lastChatMessageAt: new Date(noon.getTime() - DAY - 60_000) })).toEqual({
        action: "skip",
        reason: "skipped: the reply window has closed",
      });
      expect(decide({ ...chat, lastChatMessageAt: null })).toEqual({
        action: "skip",
        reason: "skipped: the customer never wrote on this channel",
      });
    });

    it("once the thank-you with the link went there, the order's day-5 email and SMS request are skipped", () => {
      const skipped = {
        action: "skip",
        reason: "skipped: the review link went with a thank-you on Messenger or Instagram",
      };
      expect(decide({ thankedInChat: true })).toEqual(skipped);
      expect(decide({ message: STEPS.smsReviewRequest, thankedInChat: true })).toEqual(skipped);
      // The day-14 reminder has its own rule (the customer replied); a check-in is not a review ask.
      expect(decide({ message: STEPS.checkIn, thankedInChat: true })).toEqual({ action: "send" });
    });

    it("words every reason it records there in French", () => {
      const reasons = [
        decide({ ...chat, lastChatMessageAt: null }),
        decide({ ...chat, lastChatMessageAt: new Date(noon.getTime() - 2 * DAY) }),
        decide({ message: { ...STEPS.reviewRequest, channel: "instagram" } }),
        decide({ thankedInChat: true }),
      ].map((decision) => (decision.action === "skip" ? decision.reason : ""));
      for (const reason of reasons) expect(statusReasonLabel(reason, "fr"), reason).toMatch(/^ignoré : /);
    });

    it("a review request the shop would start there is refused whatever the window", () => {
      const ask = { message: { ...STEPS.reviewRequest, channel: "messenger" as const } };
      expect(decide({ ...ask, lastChatMessageAt: noon })).toMatchObject({ action: "skip" });
    });
  });
});
