import { describe, expect, it } from "vitest";
import { mapPostmarkInbound } from "@/lib/postmark/map-postmark-inbound";

describe("mapPostmarkInbound", () => {
  it("dates a reply by when we received it, not by the sender's Date header", () => {
    const receivedAt = new Date("2026-11-26T12:00:00.750Z");
    const result = mapPostmarkInbound(
      {
        MessageID: "m1",
        FromFull: { Email: "Ana@Example.com", Name: "Ana" },
        TextBody: "Merci",
        Date: "Wed, 26 Nov 2026 12:00:00 +0000",
      },
      receivedAt,
    );
    expect(result).toMatchObject({ ok: true, message: { receivedAt, fromEmail: "ana@example.com" } });
    const skewed = mapPostmarkInbound(
      { MessageID: "m2", FromFull: { Email: "a@example.com" }, TextBody: "x", Date: "Thu, 1 Jan 2099 00:00:00 +0000" },
      receivedAt,
    );
    expect(skewed).toMatchObject({ ok: true, message: { receivedAt } });
  });
});
