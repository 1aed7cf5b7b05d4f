import { describe, expect, it } from "vitest";
import { filtersToParams, parseReportFilters, previousPeriod, rate } from "@/lib/reports/report-filters";

const now = new Date("2026-11-26T15:00:00Z");

describe("parseReportFilters", () => {
  it("defaults to the last 28 days, today included", () => {
    expect(parseReportFilters({}, now)).toEqual({ ok: true, filters: { from: new Date("2026-10-30T00:00:00Z"), to: new Date("2026-11-27T00:00:00Z"), channel: "all", flow: "all" } });
  });
  it("reads a range whose last day is included, and writes it back the same", () => {
    const result = parseReportFilters({ from: "2026-11-01", to: "2026-11-07", channel: "sms", flow: "post_delivery" }, now);
    expect(result).toMatchObject({ ok: true, filters: { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-08T00:00:00Z") } });
    if (result.ok) {
      expect(filtersToParams(result.filters)).toEqual({ from: "2026-11-01", to: "2026-11-07", channel: "sms", flow: "post_delivery" });
      expect(previousPeriod(result.filters)).toMatchObject({ from: new Date("2026-10-25T00:00:00Z"), to: new Date("2026-11-01T00:00:00Z") });
    }
  });
  it("says what is wrong with bad input", () => {
    expect(parseReportFilters({ from: "2026-11-10", to: "2026-11-01" }, now)).toMatchObject({ ok: false, error: expect.stringContaining("start date") });
    expect(parseReportFilters({ channel: "fax" }, now)).toMatchObject({ ok: false, error: expect.stringContaining("channel") });
    expect(parseReportFilters({ from: "yesterday" }, now)).toMatchObject({ ok: false });
  });
});

describe("rate", () => {
  it("keeps its numerator and denominator, and has no value over nothing", () => {
    expect(rate(1, 4)).toEqual({ numerator: 1, denominator: 4, value: 0.25 });
    expect(rate(0, 0).value).toBeNull();
  });
});
