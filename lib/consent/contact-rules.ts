// Whether a customer may be written to on a channel: the one statement of the consent rules,
// read by the dispatcher (lib/outbound/send-eligibility) and by the composer and the review-link
// panel (lib/inbox/reply-channels), so the screen never offers what the server would refuse.
import { isMetaChannel, type Channel, type MetaChannel } from "@/lib/channels/channels";
import type { ReplyWindow } from "@/lib/channels/reply-window";

/** The state of the customer's address and of the number we would text (PhoneNumber). */
export type ContactFacts = {
  email: string | null;
  phone: string | null;
  smsConsentAt: Date | null;
  smsOptedOutAt: Date | null;
  smsUnreachableAt: Date | null;
  emailUnsubscribedAt: Date | null;
  emailSuppressedAt: Date | null;
  /** Messenger and Instagram: the reply window on each one the customer wrote to us on. */
  replyWindows?: Partial<Record<MetaChannel, ReplyWindow>>;
};

export type ContactBlock =
  | "no_email_address"
  | "email_suppressed"
  | "email_unsubscribed"
  | "no_phone"
  | "sms_opted_out"
  | "sms_unreachable"
  | "no_sms_consent"
  | "shop_cannot_write_first"
  | "never_wrote_here"
  | "reply_window_closed";

/**
 * Who writes: the shop on its own initiative (automated messages, a review link), or a person
 * answering the customer. An answer may go by email after an unsubscribe (that stops the shop's own
 * mail, not replies to the customer's questions) and by SMS to a customer who texted us first.
 */
export type Writer = { kind: "shop" } | { kind: "answer"; customerTexted: boolean };

/** Why this customer cannot be written to on this channel now, or null when they can. */
export function contactBlock(channel: Channel, customer: ContactFacts, writer: Writer): ContactBlock | null {
  if (isMetaChannel(channel)) {
    // Meta allows answers only: no automated message, no review ask sent on the shop's initiative.
    if (writer.kind === "shop") return "shop_cannot_write_first";
    const window = customer.replyWindows?.[channel];
    if (!window) return "never_wrote_here";
    return window.open ? null : "reply_window_closed";
  }
  if (channel === "email") {
    if (!customer.email) return "no_email_address";
    if (customer.emailSuppressedAt) return "email_suppressed";
    if (writer.kind === "shop" && customer.emailUnsubscribedAt) return "email_unsubscribed";
    return null;
  }
  if (!customer.phone) return "no_phone";
  if (customer.smsOptedOutAt) return "sms_opted_out";
  if (customer.smsUnreachableAt) return "sms_unreachable";
  const answeringTheirText = writer.kind === "answer" && writer.customerTexted;
  if (!customer.smsConsentAt && !answeringTheirText) return "no_sms_consent";
  return null;
}
