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

/** Meta counts Messenger's text in characters and Instagram's in UTF-8 bytes (an "é" is two, an emoji four). */
export type TextLimit = { max: number; unit: "characters" | "bytes" };

export type ChannelTraits = {
  /** What names the customer on it: their address, their number, or an id the platform gives per page. */
  address: "email" | "phone" | "page_scoped_id";
  /** The shop may write first (automated flows, review asks); Meta allows only answers. */
  shopMayWriteFirst: boolean;
  /** Answers only within a window after the customer's last message (lib/channels/reply-window). */
  replyWindow: boolean;
  /** The most text one message may carry (SMS is counted in segments instead), or null. */
  textLimit: TextLimit | null;
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
    textLimit: null,
    formatting: true,
    files: true,
    writtenWith: "email",
  },
  // Files go as MMS pictures where the carrier allows (lib/attachments/attachment-rules).
  sms: {
    address: "phone",
    shopMayWriteFirst: true,
    replyWindow: false,
    textLimit: null,
    formatting: false,
    files: true,
    writtenWith: "sms",
  },
  // The Send API refuses text over 2,000 characters on Messenger, over 1,000 bytes on Instagram.
  messenger: {
    address: "page_scoped_id",
    shopMayWriteFirst: false,
    replyWindow: true,
    textLimit: { max: 2000, unit: "characters" },
    formatting: false,
    files: false,
    writtenWith: "sms",
  },
  instagram: {
    address: "page_scoped_id",
    shopMayWriteFirst: false,
    replyWindow: true,
    textLimit: { max: 1000, unit: "bytes" },
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

/** A text's size as the channel's limit counts it. */
export function textSize(limit: TextLimit, text: string): number {
  return limit.unit === "bytes" ? new TextEncoder().encode(text).length : text.length;
}

/** The limit a text goes over on this channel, with its size, or null when it fits (or there is none). */
export function textOverLimit(channel: Channel, text: string): (TextLimit & { size: number }) | null {
  const limit = CHANNEL_TRAITS[channel].textLimit;
  if (!limit) return null;
  const size = textSize(limit, text);
  return size > limit.max ? { ...limit, size } : null;
}
