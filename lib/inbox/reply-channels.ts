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

export type ChannelAvailability = Record<Channel, { allowed: true } | { allowed: false; reason: string }>;

export function replyChannels({ customer, customerTexted, configured }: ChannelFacts): ChannelAvailability {
  const email = !customer.email
    ? "The customer has no email address."
    : customer.emailSuppressedAt
      ? "Their address bounced or marked us as spam: email is suppressed."
      : !configured.email
        ? "Email is not configured (POSTMARK_SERVER_TOKEN)."
        : null;
  const sms = !customer.phone
    ? "The customer has no phone number."
    : customer.smsOptedOutAt
      ? "The customer replied STOP: no more SMS."
      : customer.smsUnreachableAt
        ? "The number cannot receive SMS."
        : !customer.smsConsentAt && !customerTexted
          ? "No SMS consent and the customer has not texted us."
          : !configured.sms
            ? "SMS is not configured (TWILIO_* variables)."
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
  if (availability.email.allowed && facts.customer.emailUnsubscribedAt) return { ...availability, email: { allowed: false, reason: "The customer unsubscribed from our emails." } };
  return availability;
}
