import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { UI_LOCALES, type Messages } from "@/lib/i18n/translate";

// Every dictionary in lib/i18n/messages, including ones added later, without a list to update.
const folder = path.join(import.meta.dirname, "../../lib/i18n/messages");
const files = readdirSync(folder).filter((file) => file.endsWith(".ts"));

function isMessages(value: unknown): value is Messages<string> {
  return (
    typeof value === "object" &&
    value !== null &&
    UI_LOCALES.every((locale) => typeof (value as Record<string, unknown>)[locale] === "object")
  );
}

const placeholdersOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

/** Words spelt the same in English and French; any other French text equal to the English is untranslated. */
const SAME_IN_BOTH = new Set([
  "SMS",
  "Messenger",
  "Instagram",
  "STOP",
  "question",
  "Friction",
  "Conversation",
  "Conversations",
  "Notifications",
  "Agent",
  "Message",
  "Messages",
  "Version",
  "Versions",
  "Total",
  "Signature",
  "Action",
  "Actions",
  "Reply Inbox",
  "Shopify",
  "Twilio (SMS)",
]);
/** A text that is only placeholders, punctuation and at most one letter ("{flow} · {step}", "v{number}"). */
// "{count} conversations" reads the same in both languages: the words around the placeholders count.
const isSameInBoth = (text: string) =>
  [...SAME_IN_BOTH].some(
    (word) =>
      word.toLowerCase() ===
      text
        .replace(/\{\w+\}/g, "")
        .trim()
        .toLowerCase(),
  );
const hasNoWords = (text: string) => text.replace(/\{\w+\}/g, "").replace(/[^\p{L}]/gu, "").length <= 1;

describe.each(files)("lib/i18n/messages/%s", async (file) => {
  const dictionaries = Object.entries(await import(path.join(folder, file))).filter(
    (entry): entry is [string, Messages<string>] => isMessages(entry[1]),
  );

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
        for (const [key, text] of Object.entries(messages[locale]))
          expect(text.trim(), `${locale}.${key}`).not.toBe("");
      }
    });

    it("has French text that differs from the English, but for words spelt the same", () => {
      const untranslated = Object.keys(messages.en).filter(
        (key) =>
          messages.fr[key] === messages.en[key] && !isSameInBoth(messages.en[key]!) && !hasNoWords(messages.en[key]!),
      );
      expect(untranslated).toEqual([]);
    });

    it("has the other plural form of every counted text (key_one goes with key_other, see plural())", () => {
      const keys = Object.keys(messages.en);
      const lonely = keys.filter((key) => key.endsWith("_one") && !keys.includes(key.replace(/_one$/, "_other")));
      expect(lonely).toEqual([]);
    });

    it("uses the same {placeholders} in every language", () => {
      for (const [key, english] of Object.entries(messages.en)) {
        for (const locale of UI_LOCALES)
          expect(placeholdersOf(messages[locale][key] ?? ""), `${locale}.${key}`).toEqual(placeholdersOf(english));
      }
    });
  });
});

// Every t("key") in app/ and components/ names a key of the dictionary that t was made from
// (useTranslator(x), getTranslator(x) or translator(x, locale)), so a typo or a key added in one
// place only fails here rather than showing the raw key on screen.
describe("keys used in app/ and components/", async () => {
  const root = path.join(import.meta.dirname, "../..");
  const dictionaries = new Map<string, Messages<string>>();
  for (const file of files) {
    for (const [name, value] of Object.entries(await import(path.join(folder, file))))
      if (isMessages(value)) dictionaries.set(name, value);
  }
  const sources = ["app", "components"].flatMap((dir) =>
    readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
      .filter((file) => /\.tsx?$/.test(file))
      .map((file) => path.join(dir, file)),
  );
  const bindings =
    /\{\s*t(?:\s*:\s*(\w+))?(?:\s*,\s*locale)?\s*\}\s*=\s*(?:await\s+)?(?:useTranslator|getTranslator)\((\w+)\)|const\s+(\w+)\s*=\s*translator\((\w+),/g;

  it.each(sources)("%s", (file) => {
    const source = readFileSync(path.join(root, file), "utf8");
    const byName = new Map<string, Messages<string>[]>();
    for (const match of source.matchAll(bindings)) {
      const name = match[1] ?? match[3] ?? "t";
      const dictionary = dictionaries.get(match[2] ?? match[4]!);
      expect(dictionary, `${match[2] ?? match[4]} is a dictionary`).toBeDefined();
      byName.set(name, [...(byName.get(name) ?? []), dictionary!]);
    }
    const missing: string[] = [];
    for (const [name, candidates] of byName) {
      for (const call of source.matchAll(new RegExp(`(?<![\\w.])${name}\\(\\s*(?:"([^"]+)"|\`([\\w.]*)\\$\\{)`, "g"))) {
        const [, key, prefix] = call;
        const known = candidates.some((d) =>
          key !== undefined ? key in d.en : Object.keys(d.en).some((k) => k.startsWith(prefix!)),
        );
        if (!known) missing.push(`${name}(${key ?? `${prefix}…`})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
