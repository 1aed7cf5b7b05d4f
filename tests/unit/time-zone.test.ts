import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDateTimeInZone, formatDay } from "@/lib/i18n/format";
import { canonicalTimeZone, resolveViewerTimeZone } from "@/lib/i18n/time-zone";
import { timeZoneChoiceSchema } from "@/lib/i18n/time-zone-choice";

describe("resolveViewerTimeZone", () => {
  it("prefers the user's own setting over the browser and the shop", () => {
    expect(resolveViewerTimeZone({ user: "America/New_York", browser: "Asia/Tokyo", shop: "Europe/Paris" })).toBe(
      "America/New_York",
    );
  });
  it("follows the browser when the user has no setting", () => {
    expect(resolveViewerTimeZone({ user: null, browser: "Asia/Tokyo", shop: "Europe/Paris" })).toBe("Asia/Tokyo");
  });
  it("falls back to the shop's zone, then UTC", () => {
    expect(resolveViewerTimeZone({ shop: "Europe/Paris" })).toBe("Europe/Paris");
    expect(resolveViewerTimeZone({})).toBe("UTC");
  });
  it("skips a zone Intl does not know (a forged or stale cookie)", () => {
    expect(resolveViewerTimeZone({ user: null, browser: "Mars/Olympus", shop: "Europe/Paris" })).toBe("Europe/Paris");
    expect(resolveViewerTimeZone({ user: "nope", browser: "x".repeat(200), shop: null })).toBe("UTC");
  });
  it("returns the canonical spelling", () => {
    expect(canonicalTimeZone("asia/tokyo")).toBe("Asia/Tokyo");
    expect(canonicalTimeZone("")).toBeNull();
  });
});

describe("timeZoneChoiceSchema", () => {
  it("accepts auto and IANA zones, refuses anything else", () => {
    expect(timeZoneChoiceSchema.safeParse("auto").success).toBe(true);
    expect(timeZoneChoiceSchema.safeParse("Europe/Paris").success).toBe(true);
    expect(timeZoneChoiceSchema.safeParse("Paris").success).toBe(false);
  });
});

describe("formatting in a zone", () => {
  const at = new Date("2026-11-30T15:03:00Z");
  it("shows the same instant as each viewer's wall clock", () => {
    expect(formatDateTime(at, "en", "UTC")).toBe("30 Nov 2026, 15:03");
    expect(formatDateTime(at, "fr", "Asia/Tokyo")).toBe("1 déc. 2026, 00:03");
    expect(formatDateTime(at, "fr", "Europe/Paris")).toBe("30 nov. 2026, 16:03");
  });
  it("moves the date across midnight with the zone", () => {
    expect(formatDate(at, "en", "Asia/Tokyo")).toBe("1 Dec 2026");
    expect(formatDate(at, "en", "America/Los_Angeles")).toBe("30 Nov 2026");
  });
  it("keeps a calendar day (stored as midnight UTC) the same day everywhere", () => {
    expect(formatDay(new Date("2026-11-30T00:00:00Z"), "en")).toBe("30 Nov 2026");
  });
  it("says whose zone a customer's time is in", () => {
    expect(formatDateTimeInZone(new Date("2026-12-01T09:00:00Z"), "en", "Europe/Paris", "customer's time")).toBe(
      "1 Dec 2026, 10:00 (Europe/Paris, customer's time)",
    );
  });
});
