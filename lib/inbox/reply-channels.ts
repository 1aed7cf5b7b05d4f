// On which channels a person may answer this customer, and why not when they may not. Pure: the
// composer shows it and the server enforces it with the same rules.
import type { Channel } from "@/lib/generated/prisma/enums";

export type ChannelFacts = {
  customer: {
    email: string | null;
    phone: string | null;
    smsConsentAt: Date | null;
    smsOptedOutAt: Date | null;
    smsUnreachableAt: Date | null;
    emailSuppressedAt: Date | null;
    emailUnsubscribedAt: Date | null;
  };
  /** The customer texted us in this conversation: answering their own text needs no prior consent. */
  customerTexted: boolean;
  configured: { email: boolean; sms: boolean };
};

/** Why a channel is closed: a code, worded in the reader's language (errorMessages "channel_<code>"). */
export type ChannelBlock =
  | "no_email_address"
  | "email_suppressed"
  | "email_not_configured"
  | "email_unsubscribed"
  | "no_phone"
  | "sms_opted_out"
  | "sms_unreachable"
  | "no_sms_consent"
  | "sms_not_configured";

export type ChannelAvailability = Record<Channel, { allowed: true } | { allowed: false; reason: ChannelBlock }>;

export function replyChannels({ customer, customerTexted, configured }: ChannelFacts): ChannelAvailability {
  const email: ChannelBlock | null = !customer.email
    ? "no_email_address"
    : customer.emailSuppressedAt
      ? "email_suppressed"
      : !configured.email
        ? "email_not_configured"
        : null;
  const sms: ChannelBlock | null = !customer.phone
    ? "no_phone"
    : customer.smsOptedOutAt
      ? "sms_opted_out"
      : customer.smsUnreachableAt
        ? "sms_unreachable"
        : !customer.smsConsentAt && !customerTexted
          ? "no_sms_consent"
          : !configured.sms
            ? "sms_not_configured"
            : null;
  return {
    email: email ? { allowed: false, reason: email } : { allowed: true },
    sms: sms ? { allowed: false, reason: sms } : { allowed: true },
  };
}

/** The channel of the customer's last message, else the first one allowed. */
export function defaultReplyChannel(lastInbound: Channel | null, availability: ChannelAvailability): Channel | null {
  if (lastInbound && availability[lastInbound].allowed) return lastInbound;
  return (["email", "sms"] as const).find((channel) => availability[channel].allowed) ?? null;
}

/**
 * A review link is a request, not an answer: it needs SMS consent even if the customer texted us,
 * and no email after an unsubscribe. The sender checks the same rules again (decideSend).
 */
export function reviewLinkChannels(facts: Omit<ChannelFacts, "customerTexted">): ChannelAvailability {
  const availability = replyChannels({ ...facts, customerTexted: false });
  if (availability.email.allowed && facts.customer.emailUnsubscribedAt)
    return { ...availability, email: { allowed: false, reason: "email_unsubscribed" } };
  return availability;
}
