import { describe, expect, it } from "vitest";
import {
  CHANNEL_TRAITS,
  CHANNELS,
  asShopChannel,
  isMetaChannel,
  isShopChannel,
  textOverLimit,
  textSize,
} from "@/lib/channels/channels";
import { replyWindow } from "@/lib/channels/reply-window";
import { contactBlock } from "@/lib/consent/contact-rules";
import { replyFilesProblem } from "@/lib/attachments/attachment-rules";
import { defaultReplyChannel, replyChannels, reviewLinkChannels, shownChannels } from "@/lib/inbox/reply-channels";
import { parseReportFilters } from "@/lib/reports/report-filters";

// The channel interface's pure rules (issue #19): what sets Messenger and Instagram apart.

const written = new Date("2026-11-29T14:00:00Z");
const hours = (n: number) => new Date(written.getTime() + n * 3600_000);
const instagramOnly = {
  email: null,
  phone: null,
  smsConsentAt: null,
  smsOptedOutAt: null,
  smsUnreachableAt: null,
  emailSuppressedAt: null,
  emailUnsubscribedAt: null,
};
const configured = { email: true, sms: true, messenger: true, instagram: true };

describe("channel traits", () => {
  it("let the shop write first on email and SMS only, and name Meta's people by a page-scoped id", () => {
    expect(CHANNELS.filter(isShopChannel)).toEqual(["email", "sms"]);
    expect(CHANNELS.filter(isMetaChannel)).toEqual(["messenger", "instagram"]);
    expect(CHANNEL_TRAITS.instagram).toMatchObject({ replyWindow: true, files: false });
    expect(() => asShopChannel("messenger")).toThrow(/carries no message the shop writes first/);
  });
});

describe("text limits", () => {
  it("count Messenger in characters and Instagram in UTF-8 bytes, as Meta does", () => {
    const french = "é".repeat(600); // 600 characters, 1,200 bytes
    expect(textOverLimit("messenger", french)).toBeNull();
    expect(textOverLimit("instagram", french)).toEqual({ max: 1000, unit: "bytes", size: 1200 });
    expect(textOverLimit("instagram", "a".repeat(1000))).toBeNull();
    expect(textOverLimit("instagram", "🙂".repeat(251))).toMatchObject({ size: 1004 });
    expect(textOverLimit("messenger", "a".repeat(2001))).toEqual({ max: 2000, unit: "characters", size: 2001 });
    expect(textOverLimit("email", "a".repeat(100_000))).toBeNull();
    expect(textSize({ max: 1000, unit: "bytes" }, "Merci, ça me fait plaisir")).toBe(26);
  });
});

describe("answering on Messenger and Instagram", () => {
  it("is open for 24 hours after the person's last message, then closed unless Human Agent allows 7 days", () => {
    const at = (now: Date, humanAgent = false) =>
      contactBlock(
        "instagram",
        { ...instagramOnly, replyWindows: { instagram: replyWindow(written, now, humanAgent) } },
        { kind: "answer", customerTexted: false },
      );
    expect(at(hours(23))).toBeNull();
    expect(at(hours(25))).toBe("reply_window_closed");
    expect(at(hours(25), true)).toBeNull();
    expect(at(hours(7 * 24 + 1), true)).toBe("reply_window_closed");
  });

  it("never lets the shop write first there, and needs the person to have written there", () => {
    const windows = { instagram: replyWindow(written, hours(1), false) };
    expect(contactBlock("instagram", { ...instagramOnly, replyWindows: windows }, { kind: "shop" })).toBe(
      "shop_cannot_write_first",
    );
    expect(
      contactBlock("messenger", { ...instagramOnly, replyWindows: windows }, { kind: "answer", customerTexted: false }),
    ).toBe("never_wrote_here");
    expect(reviewLinkChannels({ customer: { ...instagramOnly, replyWindows: windows }, configured }).instagram).toEqual(
      { allowed: false, reason: "shop_cannot_write_first" },
    );
  });

  it("shows the composer the Meta channels the person wrote on, and answers there by default", () => {
    const availability = replyChannels({
      customer: { ...instagramOnly, replyWindows: { instagram: replyWindow(written, hours(2), false) } },
      customerTexted: false,
      configured,
    });
    expect(shownChannels(availability)).toEqual(["email", "sms", "instagram"]);
    expect(defaultReplyChannel("instagram", availability)).toBe("instagram");
    const closed = replyChannels({
      customer: { ...instagramOnly, replyWindows: { instagram: replyWindow(written, hours(30), false) } },
      customerTexted: false,
      configured: { ...configured, instagram: false },
    });
    expect(closed.instagram).toEqual({ allowed: false, reason: "reply_window_closed" });
    expect(defaultReplyChannel("instagram", closed)).toBeNull();
    expect(
      replyChannels({
        customer: { ...instagramOnly, replyWindows: { instagram: replyWindow(written, hours(2), false) } },
        customerTexted: false,
        configured: { ...configured, instagram: false },
      }).instagram,
    ).toEqual({ allowed: false, reason: "instagram_not_configured" });
  });

  it("refuses files there (send them by email)", () => {
    const photo = [{ filename: "photo.jpg", contentType: "image/jpeg", size: 1000 }];
    expect(replyFilesProblem("messenger", photo, { customer: null, shop: null })).toEqual({
      reason: "noFilesOnChannel",
    });
  });

  it("filter the reports", () => {
    const parsed = parseReportFilters({ channel: "instagram" }, written);
    expect(parsed.ok && parsed.filters.channel).toBe("instagram");
    expect(parseReportFilters({ channel: "whatsapp" }, written).ok).toBe(false);
  });
});
