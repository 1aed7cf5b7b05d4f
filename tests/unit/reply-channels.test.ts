import { describe, expect, it } from "vitest";
import { defaultReplyChannel, replyChannels, reviewLinkChannels } from "@/lib/inbox/reply-channels";
import { chainAfter, ourMessageId, replySubject, threadingHeaders } from "@/lib/threading/reply-headers";

const reachable = {
  email: "a@b.test",
  phone: "+33611223344",
  smsConsentAt: null,
  smsOptedOutAt: null,
  smsUnreachableAt: null,
  emailSuppressedAt: null,
  emailUnsubscribedAt: null,
};
const configured = { email: true, sms: true };

describe("replyChannels", () => {
  it("allows SMS to a customer who texted us even without consent, never after STOP", () => {
    expect(replyChannels({ customer: reachable, customerTexted: true, configured }).sms).toEqual({ allowed: true });
    expect(replyChannels({ customer: reachable, customerTexted: false, configured }).sms).toMatchObject({
      allowed: false,
      reason: "no_sms_consent",
    });
    expect(
      replyChannels({ customer: { ...reachable, smsOptedOutAt: new Date() }, customerTexted: true, configured }).sms,
    ).toMatchObject({ allowed: false, reason: "sms_opted_out" });
  });
  it("answers an unsubscribed customer's mail, but not a suppressed address", () => {
    expect(
      replyChannels({ customer: { ...reachable, emailUnsubscribedAt: new Date() }, customerTexted: false, configured })
        .email,
    ).toEqual({ allowed: true });
    expect(
      replyChannels({ customer: { ...reachable, emailSuppressedAt: new Date() }, customerTexted: false, configured })
        .email.allowed,
    ).toBe(false);
    expect(
      replyChannels({ customer: reachable, customerTexted: false, configured: { email: false, sms: true } }).email,
    ).toMatchObject({ allowed: false, reason: "email_not_configured" });
  });
  it("review links need consent and a subscription", () => {
    expect(
      reviewLinkChannels({ customer: { ...reachable, emailUnsubscribedAt: new Date() }, configured }).email.allowed,
    ).toBe(false);
    expect(reviewLinkChannels({ customer: reachable, configured }).sms.allowed).toBe(false);
    expect(reviewLinkChannels({ customer: { ...reachable, smsConsentAt: new Date() }, configured }).sms.allowed).toBe(
      true,
    );
  });
  it("replies on the channel of the customer's last message when it can", () => {
    const both = replyChannels({ customer: reachable, customerTexted: true, configured });
    expect(defaultReplyChannel("sms", both)).toBe("sms");
    expect(defaultReplyChannel("sms", { ...both, sms: { allowed: false, reason: "no_phone" } })).toBe("email");
    expect(
      defaultReplyChannel(null, {
        email: { allowed: false, reason: "no_phone" },
        sms: { allowed: false, reason: "no_phone" },
      }),
    ).toBeNull();
  });
});

describe("reply headers", () => {
  it("prefixes Re: once and chains the Message-IDs", () => {
    expect(replySubject("RE: Fwd: re: Ma commande")).toBe("Re: Ma commande");
    expect(chainAfter({ emailMessageId: "<b@x>", references: "<a@x> <b@x>" })).toEqual(["<a@x>", "<b@x>"]);
    expect(threadingHeaders(["<a@x>", "<b@x>"])).toEqual([
      { name: "In-Reply-To", value: "<b@x>" },
      { name: "References", value: "<a@x> <b@x>" },
    ]);
    expect(threadingHeaders([])).toEqual([]);
  });

  it("gives our mail a Message-ID on the sender's domain, named after what it records", () => {
    expect(ourMessageId("sm", "cm1abc", "lea@atelier-lune.fr")).toBe("<sm-cm1abc@atelier-lune.fr>");
    expect(ourMessageId("reply", "6f1c", "lea@atelier-lune.fr")).toBe("<reply-6f1c@atelier-lune.fr>");
  });
});
