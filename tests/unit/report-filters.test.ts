import { describe, expect, it } from "vitest";
import { filtersToParams, parseReportFilters, previousPeriod, rate, weeksInRange } from "@/lib/reports/report-filters";

const now = new Date("2026-11-26T15:00:00Z");

describe("parseReportFilters", () => {
  it("defaults to the last 28 days, today included", () => {
    expect(parseReportFilters({}, now)).toEqual({
      ok: true,
      filters: {
        from: new Date("2026-10-30T00:00:00Z"),
        to: new Date("2026-11-27T00:00:00Z"),
        channel: "all",
        flow: "all",
      },
    });
  });
  it("reads a range whose last day is included, and writes it back the same", () => {
    const result = parseReportFilters(
      { from: "2026-11-01", to: "2026-11-07", channel: "sms", flow: "post_delivery" },
      now,
    );
    expect(result).toMatchObject({
      ok: true,
      filters: { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-08T00:00:00Z") },
    });
    if (result.ok) {
      expect(filtersToParams(result.filters)).toEqual({
        from: "2026-11-01",
        to: "2026-11-07",
        channel: "sms",
        flow: "post_delivery",
      });
      expect(previousPeriod(result.filters)).toMatchObject({
        from: new Date("2026-10-25T00:00:00Z"),
        to: new Date("2026-11-01T00:00:00Z"),
      });
    }
  });
  it("says what is wrong with bad input", () => {
    expect(parseReportFilters({ from: "2026-11-10", to: "2026-11-01" }, now)).toMatchObject({
      ok: false,
      error: expect.stringContaining("start date"),
    });
    expect(parseReportFilters({ channel: "fax" }, now)).toMatchObject({
      ok: false,
      error: expect.stringContaining("channel"),
    });
    expect(parseReportFilters({ from: "yesterday" }, now)).toMatchObject({ ok: false });
  });
});

describe("rate", () => {
  it("keeps its numerator and denominator, and has no value over nothing", () => {
    expect(rate(1, 4)).toEqual({ numerator: 1, denominator: 4, value: 0.25 });
    expect(rate(0, 0).value).toBeNull();
  });
});

describe("weeksInRange", () => {
  it("lists every Monday the range touches, empty weeks included, the exclusive end left out", () => {
    // The default 28 days ending Thursday 26 November 2026: five weeks from Monday 26 October.
    expect(weeksInRange(new Date("2026-10-30T00:00:00Z"), new Date("2026-11-27T00:00:00Z"))).toEqual([
      "2026-10-26",
      "2026-11-02",
      "2026-11-09",
      "2026-11-16",
      "2026-11-23",
    ]);
    expect(weeksInRange(new Date("2026-11-23T00:00:00Z"), new Date("2026-11-30T00:00:00Z"))).toEqual(["2026-11-23"]);
    expect(weeksInRange(new Date("2026-11-29T00:00:00Z"), new Date("2026-11-30T00:00:01Z"))).toEqual([
      "2026-11-23",
      "2026-11-30",
    ]);
  });
});
