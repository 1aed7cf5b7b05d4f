import { describe, expect, it } from "vitest";
import { defineMessages, resolveUiLocale, translator } from "@/lib/i18n/translate";
import { formatDuration, formatElapsed, formatRelative } from "@/lib/i18n/format";

describe("resolveUiLocale", () => {
  it("prefers the user's own choice", () => {
    expect(resolveUiLocale("fr", "en-US,en;q=0.9")).toBe("fr");
  });
  it("falls back to the browser's best supported language, by quality", () => {
    expect(resolveUiLocale(null, "de-DE,fr;q=0.8,en;q=0.5")).toBe("fr");
    expect(resolveUiLocale(null, "en;q=0.4,fr-CA;q=0.9")).toBe("fr");
    expect(resolveUiLocale(undefined, "es,it")).toBe("en");
    expect(resolveUiLocale(null, null)).toBe("en");
  });
  it("ignores a language the browser refuses (q=0)", () => {
    expect(resolveUiLocale(null, "fr;q=0,en;q=0.1")).toBe("en");
  });
});

describe("translator", () => {
  const messages = defineMessages({
    en: { waiting: "waiting {time}", hello: "Hello" },
    fr: { waiting: "attend depuis {time}", hello: "Bonjour" },
  });
  it("fills values in the chosen language", () => {
    expect(translator(messages, "fr")("waiting", { time: "5 min" })).toBe("attend depuis 5 min");
    expect(translator(messages, "en")("hello")).toBe("Hello");
  });
  it("leaves an unknown placeholder visible rather than inventing a value", () => {
    expect(translator(messages, "en")("waiting")).toBe("waiting {time}");
  });
});

describe("format", () => {
  const now = new Date("2026-11-26T12:00:00Z");
  it("says relative times in each language", () => {
    expect(formatRelative(new Date("2026-11-26T11:55:00Z"), "en", now)).toBe("5 minutes ago");
    expect(formatRelative(new Date("2026-11-24T12:00:00Z"), "fr", now)).toBe("avant-hier");
  });
  it("shortens waits", () => {
    expect(formatDuration(new Date("2026-11-26T11:30:00Z"), "en", now)).toBe("30 min");
    expect(formatDuration(new Date("2026-11-23T12:00:00Z"), "fr", now)).toBe("3 j");
    expect(formatElapsed(45 * 60_000, "en")).toBe("45 min");
    expect(formatElapsed(135 * 60_000, "en")).toBe("2 h 15 min");
    expect(formatElapsed(9 * 3600_000, "fr")).toBe("9 h");
    expect(formatElapsed((3 * 24 + 4) * 3600_000, "fr")).toBe("3 j 4 h");
    expect(formatElapsed(2 * 24 * 3600_000, "en")).toBe("2 d");
  });
});
