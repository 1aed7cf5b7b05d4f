import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { UI_LOCALES, type Messages } from "@/lib/i18n/translate";

// Every dictionary in lib/i18n/messages, including ones added later, without a list to update.
const folder = path.join(import.meta.dirname, "../../lib/i18n/messages");
const files = readdirSync(folder).filter((file) => file.endsWith(".ts"));

function isMessages(value: unknown): value is Messages<string> {
  return typeof value === "object" && value !== null && UI_LOCALES.every((locale) => typeof (value as Record<string, unknown>)[locale] === "object");
}

const placeholdersOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe.each(files)("lib/i18n/messages/%s", async (file) => {
  const dictionaries = Object.entries(await import(path.join(folder, file))).filter((entry): entry is [string, Messages<string>] => isMessages(entry[1]));

  it("exports at least one dictionary", () => {
    expect(dictionaries.length).toBeGreaterThan(0);
  });

  describe.each(dictionaries)("%s", (_name, messages) => {
    it("has the same keys in every language", () => {
      const english = Object.keys(messages.en).sort();
      for (const locale of UI_LOCALES) expect(Object.keys(messages[locale]).sort(), locale).toEqual(english);
    });

    it("has no empty text", () => {
      for (const locale of UI_LOCALES) {
        for (const [key, text] of Object.entries(messages[locale])) expect(text.trim(), `${locale}.${key}`).not.toBe("");
      }
    });

    it("uses the same {placeholders} in every language", () => {
      for (const [key, english] of Object.entries(messages.en)) {
        for (const locale of UI_LOCALES) expect(placeholdersOf(messages[locale][key] ?? ""), `${locale}.${key}`).toEqual(placeholdersOf(english));
      }
    });
  });
});
