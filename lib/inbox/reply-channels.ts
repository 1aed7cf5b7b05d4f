// On which channels a person may answer this customer, and why not when they may not. Pure: the
// composer shows it and the server enforces it with the same rules.
import { contactBlock, type ContactBlock, type ContactFacts, type Writer } from "@/lib/consent/contact-rules";
import { CHANNELS, isMetaChannel, type Channel, type MetaChannel, type ShopChannel } from "@/lib/channels/channels";

export type ChannelFacts = {
  customer: ContactFacts;
  /** The customer texted us in this conversation: answering their own text needs no prior consent. */
  customerTexted: boolean;
  /** Which channels this server can send on (Meta's only when its page token is set). */
  configured: Record<ShopChannel, boolean> & Partial<Record<MetaChannel, boolean>>;
};

/** Why a channel is closed: a code, worded in the reader's language (errorMessages "channel_<code>"). */
export type ChannelBlock = ContactBlock | `${Channel}_not_configured`;

export type Availability = { allowed: true } | { allowed: false; reason: ChannelBlock };
export type ChannelAvailability = Record<ShopChannel, Availability> & Partial<Record<MetaChannel, Availability>>;

/** The channels open to `writer`: the consent rules (lib/consent/contact-rules), then this server's providers. */
function channelsFor(facts: Omit<ChannelFacts, "customerTexted">, writer: Writer): ChannelAvailability {
  const availability = (channel: Channel) => {
    const reason =
      contactBlock(channel, facts.customer, writer) ??
      (facts.configured[channel] ? null : (`${channel}_not_configured` as const));
    return reason ? { allowed: false as const, reason } : { allowed: true as const };
  };
  return Object.fromEntries(CHANNELS.map((channel) => [channel, availability(channel)])) as Record<
    Channel,
    Availability
  >;
}

/** On which channels a person may answer this customer. */
export function replyChannels({ customerTexted, ...facts }: ChannelFacts): ChannelAvailability {
  return channelsFor(facts, { kind: "answer", customerTexted });
}

/** The channel of the customer's last message, else the first one allowed. */
export function defaultReplyChannel(lastInbound: Channel | null, availability: ChannelAvailability): Channel | null {
  if (lastInbound && availability[lastInbound]?.allowed) return lastInbound;
  return CHANNELS.find((channel) => availability[channel]?.allowed) ?? null;
}

/**
 * The channels worth showing in the composer: email and SMS always (with why not, when closed),
 * Messenger and Instagram only for a customer who wrote to us there.
 */
export function shownChannels(availability: ChannelAvailability): Channel[] {
  return CHANNELS.filter((channel) => {
    const state = availability[channel];
    if (!isMetaChannel(channel)) return true;
    return state !== undefined && (state.allowed || state.reason !== "never_wrote_here");
  });
}

/**
 * A review link is the shop's own request, not an answer: it needs SMS consent even if the customer
 * texted us, and no email after an unsubscribe. The sender checks the same rules again (decideSend).
 */
export function reviewLinkChannels(facts: Omit<ChannelFacts, "customerTexted">): ChannelAvailability {
  return channelsFor(facts, { kind: "shop" });
}
