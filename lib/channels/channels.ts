// The channels a conversation runs on, and what sets each apart: the one place that says how a
// customer is named on it, whether the shop may write first, whether answers must come within a
// window, and what the composer may send. Code that branches on a channel asks these traits (or
// narrows to ShopChannel / MetaChannel) instead of assuming "not SMS means email". Pure.
import type { Channel } from "@/lib/generated/prisma/enums";

export type { Channel };

export const CHANNELS = ["email", "sms", "messenger", "instagram"] as const satisfies readonly Channel[];

/** Channels the shop may write on first: automated flows, templates, review links. */
export type ShopChannel = "email" | "sms";
export const SHOP_CHANNELS = ["email", "sms"] as const satisfies readonly ShopChannel[];

/** Meta's Messenger Platform: Messenger and Instagram Direct, answered within Meta's window only. */
export type MetaChannel = "messenger" | "instagram";
export const META_CHANNELS = ["messenger", "instagram"] as const satisfies readonly MetaChannel[];

export type ChannelTraits = {
  /** What names the customer on it: their address, their number, or an id the platform gives per page. */
  address: "email" | "phone" | "page_scoped_id";
  /** The shop may write first (automated flows, review asks); Meta allows only answers. */
  shopMayWriteFirst: boolean;
  /** Answers only within a window after the customer's last message (lib/channels/reply-window). */
  replyWindow: boolean;
  /** The longest text one message may carry (SMS is counted in segments instead), or null. */
  maxTextLength: number | null;
  /** Bold, links and lists (rendered to HTML), and files. */
  formatting: boolean;
  files: boolean;
  /** Whose founder-approved texts its automatic messages are written with: chats read like texts. */
  writtenWith: ShopChannel;
};

export const CHANNEL_TRAITS: Record<Channel, ChannelTraits> = {
  email: {
    address: "email",
    shopMayWriteFirst: true,
    replyWindow: false,
    maxTextLength: null,
    formatting: true,
    files: true,
    writtenWith: "email",
  },
  // Files go as MMS pictures where the carrier allows (lib/attachments/attachment-rules).
  sms: {
    address: "phone",
    shopMayWriteFirst: true,
    replyWindow: false,
    maxTextLength: null,
    formatting: false,
    files: true,
    writtenWith: "sms",
  },
  // The Send API refuses text over 2,000 characters.
  messenger: {
    address: "page_scoped_id",
    shopMayWriteFirst: false,
    replyWindow: true,
    maxTextLength: 2000,
    formatting: false,
    files: false,
    writtenWith: "sms",
  },
  instagram: {
    address: "page_scoped_id",
    shopMayWriteFirst: false,
    replyWindow: true,
    maxTextLength: 1000,
    formatting: false,
    files: false,
    writtenWith: "sms",
  },
};

/** How a channel is named on screen (keys of the inbox messages), and its mark in lists and threads. */
export const CHANNEL_LABEL = {
  email: "channelEmail",
  sms: "channelSms",
  messenger: "channelMessenger",
  instagram: "channelInstagram",
} as const satisfies Record<Channel, string>;
export const CHANNEL_MARK: Record<Channel, string> = { email: "✉", sms: "💬", messenger: "Ⓜ", instagram: "◎" };

export function isShopChannel(channel: Channel): channel is ShopChannel {
  return CHANNEL_TRAITS[channel].shopMayWriteFirst;
}

export function isMetaChannel(channel: Channel): channel is MetaChannel {
  return CHANNEL_TRAITS[channel].address === "page_scoped_id";
}

/** For records that can only hold a shop channel (templates, scheduled messages): a clear error otherwise. */
export function asShopChannel(channel: Channel): ShopChannel {
  if (!isShopChannel(channel)) throw new Error(`${channel} carries no message the shop writes first`);
  return channel;
}
