import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  hasValidMetaSignature,
  metaWebhookSchema,
  readMetaWebhook,
  subscriptionChallenge,
} from "@/lib/meta/meta-webhook";
import { replyWindow } from "@/lib/channels/reply-window";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../fixtures/meta", name), "utf8");
const read = (name: string) => readMetaWebhook(metaWebhookSchema.parse(JSON.parse(fixture(name))));

describe("Meta webhook", () => {
  it("answers the verification handshake only with the right token", () => {
    const query = (token: string, mode = "subscribe") =>
      new URLSearchParams({ "hub.mode": mode, "hub.verify_token": token, "hub.challenge": "1158201444" });
    expect(subscriptionChallenge(query("s3cret-verify"), "s3cret-verify")).toBe("1158201444");
    expect(subscriptionChallenge(query("s3cret-verifx"), "s3cret-verify")).toBeNull();
    expect(subscriptionChallenge(query("s3cret-verify", "unsubscribe"), "s3cret-verify")).toBeNull();
    expect(subscriptionChallenge(query(""), undefined)).toBeNull();
  });

  it("accepts the app secret's HMAC-SHA256 of the raw body, and nothing else", () => {
    const body = fixture("messenger-message.json");
    const signature = `sha256=${createHmac("sha256", "app-secret").update(body).digest("hex")}`;
    expect(hasValidMetaSignature(body, signature, "app-secret")).toBe(true);
    expect(hasValidMetaSignature(body, signature.toUpperCase().replace("SHA256=", "sha256="), "app-secret")).toBe(true);
    expect(hasValidMetaSignature(`${body} `, signature, "app-secret")).toBe(false);
    expect(hasValidMetaSignature(body, signature, "other-secret")).toBe(false);
    expect(hasValidMetaSignature(body, signature.replace("sha256=", "sha1="), "app-secret")).toBe(false);
    expect(hasValidMetaSignature(body, null, "app-secret")).toBe(false);
  });

  it("reads a batched Messenger delivery: a text, then a picture, in order", () => {
    const events = read("messenger-message.json");
    expect(events).toEqual([
      expect.objectContaining({
        kind: "message",
        platform: "messenger",
        accountId: "104857293847561",
        senderId: "6024918273645091",
        text: "Bonjour ! Vous livrez en Belgique ? Et la lampe existe en blanc ?",
        attachments: [],
        sentAt: new Date(1764424800001),
      }),
      expect.objectContaining({
        kind: "message",
        text: "",
        attachments: [
          { type: "image", url: "https://scontent.xx.fbcdn.net/v/t1.15752-9/468213579_photo.jpg?oh=illustrative" },
        ],
      }),
    ]);
  });

  it("leaves out the page's own messages (echoes) and reads delivery and read receipts", () => {
    expect(read("messenger-echo.json")).toEqual([]);
    expect(read("messenger-delivery-read.json")).toEqual([
      {
        kind: "delivery",
        platform: "messenger",
        senderId: "6024918273645091",
        mids: [expect.stringMatching(/^m_Echo/)],
        upTo: new Date(1764424860111),
      },
      { kind: "read", platform: "messenger", senderId: "6024918273645091", upTo: new Date(1764424860111) },
    ]);
  });

  it("reads an Instagram DM as the Instagram platform", () => {
    expect(read("instagram-message.json")).toEqual([
      expect.objectContaining({ kind: "message", platform: "instagram", senderId: "1258347960213847" }),
    ]);
  });

  it("drops an event it cannot read, never the batch; reads receipts without a timestamp and Instagram's seen by mid", () => {
    const payload = {
      object: "instagram",
      entry: [
        {
          id: "17841400008460056",
          time: 1764425000500,
          messaging: [
            { sender: { id: "1" }, recipient: { id: "2" }, timestamp: 1, reaction: { mid: "m_1", action: "react" } },
            { sender: { id: "1" } },
            { sender: { id: "1" }, recipient: { id: "2" }, delivery: { mids: ["m_1"] } },
            { sender: { id: "1" }, recipient: { id: "2" }, timestamp: 5, read: { mid: "m_1" } },
            { sender: { id: "1" }, recipient: { id: "2" }, timestamp: 6, message: { mid: "m_2", is_deleted: true } },
            {
              sender: { id: "1" },
              recipient: { id: "2" },
              timestamp: 7,
              message: { mid: "m_3", text: "Toujours là ?" },
            },
          ],
        },
      ],
    };
    expect(readMetaWebhook(metaWebhookSchema.parse(payload))).toEqual([
      { kind: "delivery", platform: "instagram", senderId: "1", mids: ["m_1"], upTo: new Date(1764425000500) },
      { kind: "read", platform: "instagram", senderId: "1", upTo: new Date(5) },
      expect.objectContaining({ kind: "message", mid: "m_3", text: "Toujours là ?", sentAt: new Date(7) }),
    ]);
  });

  it("refuses a payload of another kind", () => {
    expect(metaWebhookSchema.safeParse({ object: "whatsapp_business_account", entry: [] }).success).toBe(false);
  });
});

describe("the messaging window", () => {
  const last = new Date("2026-11-30T10:00:00Z");
  const hoursLater = (hours: number) => new Date(last.getTime() + hours * 3_600_000);

  it("is open for 24 hours after the person's last message", () => {
    expect(replyWindow(last, hoursLater(23.9), false)).toEqual({ open: true, tag: null, closesAt: hoursLater(24) });
    expect(replyWindow(last, hoursLater(24), false)).toEqual({
      open: false,
      reason: "window_closed",
      closedAt: hoursLater(24),
    });
  });

  it("stays open to a person's reply for 7 days with the HUMAN_AGENT tag, only when the shop has that permission", () => {
    expect(replyWindow(last, hoursLater(30), true)).toEqual({
      open: true,
      tag: "HUMAN_AGENT",
      closesAt: hoursLater(168),
    });
    expect(replyWindow(last, hoursLater(168), true)).toMatchObject({ open: false, reason: "human_agent_closed" });
    expect(replyWindow(null, last, true)).toEqual({ open: false, reason: "never_wrote", closedAt: null });
  });
});
