// On which channels a person may answer this customer, and why not when they may not. Pure: the
// composer shows it and the server enforces it with the same rules.
import { contactBlock, type ContactBlock, type ContactFacts, type Writer } from "@/lib/consent/contact-rules";
import type { Channel } from "@/lib/generated/prisma/enums";

export type ChannelFacts = {
  customer: ContactFacts;
  /** The customer texted us in this conversation: answering their own text needs no prior consent. */
  customerTexted: boolean;
  configured: { email: boolean; sms: boolean };
};

/** Why a channel is closed: a code, worded in the reader's language (errorMessages "channel_<code>"). */
export type ChannelBlock = ContactBlock | "email_not_configured" | "sms_not_configured";

export type ChannelAvailability = Record<Channel, { allowed: true } | { allowed: false; reason: ChannelBlock }>;

/** The channels open to `writer`: the consent rules (lib/consent/contact-rules), then this server's providers. */
function channelsFor(facts: Omit<ChannelFacts, "customerTexted">, writer: Writer): ChannelAvailability {
  const availability = (channel: Channel) => {
    const reason =
      contactBlock(channel, facts.customer, writer) ??
      (facts.configured[channel] ? null : (`${channel}_not_configured` as const));
    return reason ? { allowed: false as const, reason } : { allowed: true as const };
  };
  return { email: availability("email"), sms: availability("sms") };
}

/** On which channels a person may answer this customer. */
export function replyChannels({ customerTexted, ...facts }: ChannelFacts): ChannelAvailability {
  return channelsFor(facts, { kind: "answer", customerTexted });
}

/** The channel of the customer's last message, else the first one allowed. */
export function defaultReplyChannel(lastInbound: Channel | null, availability: ChannelAvailability): Channel | null {
  if (lastInbound && availability[lastInbound].allowed) return lastInbound;
  return (["email", "sms"] as const).find((channel) => availability[channel].allowed) ?? null;
}

/**
 * A review link is the shop's own request, not an answer: it needs SMS consent even if the customer
 * texted us, and no email after an unsubscribe. The sender checks the same rules again (decideSend).
 */
export function reviewLinkChannels(facts: Omit<ChannelFacts, "customerTexted">): ChannelAvailability {
  return channelsFor(facts, { kind: "shop" });
}
