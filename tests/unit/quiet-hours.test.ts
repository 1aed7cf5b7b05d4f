import { describe, expect, it } from "vitest";
import { customerTimeZones, nextSmsSendTime } from "@/lib/outbound/quiet-hours";

const window = { startHour: 10, endHour: 20 };

describe("nextSmsSendTime", () => {
  it("sends at once inside the window", () => {
    const at = new Date("2026-11-23T13:00:00Z"); // 14:00 in Paris
    expect(nextSmsSendTime(at, ["Europe/Paris"], window)).toEqual(at);
  });

  it("defers a night-time send to 10:00 local the next morning", () => {
    expect(nextSmsSendTime(new Date("2026-11-23T21:30:00Z"), ["Europe/Paris"], window)).toEqual(
      new Date("2026-11-24T09:00:00Z"),
    );
    expect(nextSmsSendTime(new Date("2026-11-24T06:00:00Z"), ["Europe/Paris"], window)).toEqual(
      new Date("2026-11-24T09:00:00Z"),
    );
  });

  it("treats 20:00 as closed and 10:00 as open", () => {
    expect(nextSmsSendTime(new Date("2026-11-23T19:00:00Z"), ["Europe/Paris"], window)).toEqual(
      new Date("2026-11-24T09:00:00Z"),
    );
    expect(nextSmsSendTime(new Date("2026-11-24T09:00:00Z"), ["Europe/Paris"], window)).toEqual(
      new Date("2026-11-24T09:00:00Z"),
    );
  });

  it("follows the customer's zone, not the server's", () => {
    // 15:00 UTC is 07:00 in Los Angeles: wait until 10:00 there (18:00 UTC).
    expect(nextSmsSendTime(new Date("2026-11-23T15:00:00Z"), ["America/Los_Angeles"], window)).toEqual(
      new Date("2026-11-23T18:00:00Z"),
    );
  });

  it("handles a DST change overnight", () => {
    // Paris moves from UTC+2 to UTC+1 on 25 Oct 2026: 10:00 local is 09:00 UTC that morning.
    expect(nextSmsSendTime(new Date("2026-10-24T20:00:00Z"), ["Europe/Paris"], window)).toEqual(
      new Date("2026-10-25T09:00:00Z"),
    );
    // New York springs forward on 8 Mar 2026: 10:00 local is 14:00 UTC.
    expect(nextSmsSendTime(new Date("2026-03-08T03:00:00Z"), ["America/New_York"], window)).toEqual(
      new Date("2026-03-08T14:00:00Z"),
    );
  });

  it("keeps every zone of a country in daytime when the customer's zone is unknown", () => {
    const zones = customerTimeZones({ timeZone: null, phone: "+14155550142" }, "Europe/Paris");
    expect(zones).toContain("America/New_York");
    expect(zones).toContain("America/Los_Angeles");
    const next = nextSmsSendTime(new Date("2026-11-23T12:00:00Z"), zones, window);
    // Not before 10:00 in Los Angeles, and still before 20:00 in New York.
    expect(next.getTime()).toBeGreaterThanOrEqual(new Date("2026-11-23T18:00:00Z").getTime());
    expect(next.getTime()).toBeLessThan(new Date("2026-11-24T01:00:00Z").getTime());
  });

  it("prefers the customer's zone, then the phone's country, then the shop's", () => {
    expect(customerTimeZones({ timeZone: "Europe/Brussels", phone: "+33612345678" }, "UTC")).toEqual([
      "Europe/Brussels",
    ]);
    expect(customerTimeZones({ timeZone: null, phone: "+33612345678" }, "UTC")).toEqual(["Europe/Paris"]);
    expect(customerTimeZones({ timeZone: null, phone: null }, "Europe/Lisbon")).toEqual(["Europe/Lisbon"]);
  });
});
