import { describe, expect, it } from "vitest";
import { STEPS } from "@/lib/outbound/flow-steps";
import { decideSend, type EligibilityInput } from "@/lib/outbound/send-eligibility";

const noon = new Date("2026-11-23T11:00:00Z"); // 12:00 in Paris
const base: EligibilityInput = {
  message: STEPS.reviewRequest,
  customer: { email: "c@example.test", phone: "+33612345678", smsConsentAt: new Date("2026-11-01"), smsOptedOutAt: null, smsUnreachableAt: null, emailUnsubscribedAt: null, emailSuppressedAt: null },
  checkoutCompleted: false,
  hasOpenProblem: false,
  reviewRecorded: false,
  customerReplied: false,
  smsZones: ["Europe/Paris"],
  smsWindow: { startHour: 10, endHour: 20 },
  now: noon,
};
const decide = (overrides: Partial<EligibilityInput>, customer: Partial<EligibilityInput["customer"]> = {}) => decideSend({ ...base, ...overrides, customer: { ...base.customer, ...customer } });

describe("decideSend", () => {
  it("sends when nothing stands in the way", () => {
    expect(decide({})).toEqual({ action: "send" });
    expect(decide({ message: STEPS.smsReviewRequest })).toEqual({ action: "send" });
  });

  it("never emails a suppressed or unsubscribed address", () => {
    expect(decide({}, { emailSuppressedAt: noon })).toMatchObject({ action: "skip", reason: "skipped: email suppressed (bounce or complaint)" });
    expect(decide({}, { emailUnsubscribedAt: noon })).toMatchObject({ action: "skip", reason: "skipped: unsubscribed from email" });
    expect(decide({}, { email: null })).toMatchObject({ action: "skip" });
  });

  it("never texts without consent, after STOP, or an unreachable number", () => {
    const sms = { message: STEPS.smsReviewRequest };
    expect(decide(sms, { smsConsentAt: null })).toMatchObject({ action: "skip", reason: "skipped: no SMS consent recorded" });
    expect(decide(sms, { smsOptedOutAt: noon })).toMatchObject({ action: "skip", reason: "skipped: opted out of SMS (STOP)" });
    expect(decide(sms, { smsUnreachableAt: noon })).toMatchObject({ action: "skip" });
  });

  it("cancels the help email once the order is placed", () => {
    expect(decide({ message: STEPS.abandonedHelp, checkoutCompleted: true })).toEqual({ action: "cancel", reason: "cancelled: the order was placed" });
  });

  it("pauses review requests, not the check-in, while a problem is open", () => {
    expect(decide({ hasOpenProblem: true })).toMatchObject({ action: "pause" });
    expect(decide({ message: STEPS.smsReviewRequest, hasOpenProblem: true })).toMatchObject({ action: "pause" });
    expect(decide({ message: STEPS.checkIn, hasOpenProblem: true })).toEqual({ action: "send" });
  });

  it("skips the day 14 reminder and the SMS once a review is recorded, and day 14 after a reply", () => {
    expect(decide({ message: STEPS.lastReminder, reviewRecorded: true })).toMatchObject({ action: "skip", reason: "skipped: a review is already recorded" });
    expect(decide({ message: STEPS.smsReviewRequest, reviewRecorded: true })).toMatchObject({ action: "skip" });
    expect(decide({ message: STEPS.lastReminder, customerReplied: true })).toMatchObject({ action: "skip", reason: "skipped: the customer has replied" });
    // The day 5 request goes to every eligible customer (no review gating).
    expect(decide({ reviewRecorded: true, customerReplied: true })).toEqual({ action: "send" });
  });

  it("defers a night-time SMS to the morning, never drops it", () => {
    const night = new Date("2026-11-23T22:00:00Z");
    expect(decide({ message: STEPS.smsReviewRequest, now: night })).toEqual({ action: "defer", until: new Date("2026-11-24T09:00:00Z"), reason: "deferred: night-time for the customer" });
    expect(decide({ now: night })).toEqual({ action: "send" }); // email has no quiet hours
  });
});
