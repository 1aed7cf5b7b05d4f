import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { percentile } from "@/lib/reports/response-times";
import { businessDuration, type BusinessHours } from "@/lib/settings/business-hours";

const paris: BusinessHours = { timeZone: "Europe/Paris", startHour: 9, endHour: 18, days: "mon_fri" };
const minutes = (ms: number) => ms / 60_000;

describe("business time", () => {
  it("counts only the shop's open hours, in its time zone", () => {
    // Friday 18:30 Paris (17:30 UTC) to Monday 9:30 Paris: half an hour of business time.
    expect(minutes(businessDuration(new Date("2026-11-27T17:30:00Z"), new Date("2026-11-30T08:30:00Z"), paris))).toBe(
      30,
    );
    // Within one open day.
    expect(minutes(businessDuration(new Date("2026-11-24T09:15:00Z"), new Date("2026-11-24T10:00:00Z"), paris))).toBe(
      45,
    );
    // A whole week: five days of nine hours.
    expect(minutes(businessDuration(new Date("2026-11-23T00:00:00Z"), new Date("2026-11-30T00:00:00Z"), paris))).toBe(
      5 * 9 * 60,
    );
    // Saturday counts when the shop opens on Saturdays.
    const saturday = [new Date("2026-11-28T08:00:00Z"), new Date("2026-11-28T10:00:00Z")] as const;
    expect(minutes(businessDuration(...saturday, paris))).toBe(0);
    expect(minutes(businessDuration(...saturday, { ...paris, days: "mon_sat" }))).toBe(120);
  });

  it("follows daylight saving time: the Monday after the clocks change opens at 9:00 local", () => {
    // 2026-03-30 is the Monday after Paris moved to UTC+2: 9:00 local is 7:00 UTC.
    expect(minutes(businessDuration(new Date("2026-03-30T06:00:00Z"), new Date("2026-03-30T08:00:00Z"), paris))).toBe(
      60,
    );
    // Around the clock in New York, every day.
    const always: BusinessHours = { timeZone: "America/New_York", startHour: 0, endHour: 24, days: "every_day" };
    expect(minutes(businessDuration(new Date("2026-11-01T00:00:00Z"), new Date("2026-11-03T00:00:00Z"), always))).toBe(
      48 * 60,
    );
  });

  it("is never more than the wall-clock time, and adds up over a split", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 * 24 * 60 }),
        fc.integer({ min: 0, max: 10 * 24 * 60 }),
        fc.integer({ min: 0, max: 10 * 24 * 60 }),
        (startMinute, firstPart, secondPart) => {
          const start = new Date(Date.UTC(2026, 9, 1) + startMinute * 60_000);
          const middle = new Date(start.getTime() + firstPart * 60_000);
          const end = new Date(middle.getTime() + secondPart * 60_000);
          const whole = businessDuration(start, end, paris);
          expect(whole).toBeLessThanOrEqual(end.getTime() - start.getTime());
          expect(whole).toBe(businessDuration(start, middle, paris) + businessDuration(middle, end, paris));
        },
      ),
    );
  });

  it("takes the median and the 90th percentile by nearest rank", () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(values, 0.5)).toBe(5);
    expect(percentile(values, 0.9)).toBe(9);
    expect(percentile([42], 0.9)).toBe(42);
    expect(percentile([], 0.5)).toBeNull();
  });
});
