import { describe, expect, it } from "vitest";
import { stripQuotedText } from "@/lib/inbound/strip-quoted-text";

describe("stripQuotedText", () => {
  it("cuts an English Gmail-style reply at the attribution line", () => {
    expect(
      stripQuotedText(
        "Thanks, it arrived safely!\n\nOn Mon, 23 Nov 2026 at 09:02, Léa <lea@atelier-lune.example> wrote:\n> Did it arrive?\n",
      ),
    ).toBe("Thanks, it arrived safely!");
  });

  it("cuts a French reply, including an attribution wrapped over two lines", () => {
    expect(
      stripQuotedText(
        "Merci, tout va bien.\n\nLe lun. 23 nov. 2026 à 09:02, Léa <lea@atelier-lune.example> a écrit :\n> Bonjour",
      ),
    ).toBe("Merci, tout va bien.");
    expect(
      stripQuotedText("Oui !\n\nLe lun. 23 nov. 2026 à 09:02, Léa <\nlea@atelier-lune.example> a écrit :\n> Bonjour"),
    ).toBe("Oui !");
  });

  it("cuts trailing > lines and Outlook headers, and keeps inline > quotes followed by an answer", () => {
    expect(stripQuotedText("Yes please.\n> Would you like a new one?\n> Léa")).toBe("Yes please.");
    expect(stripQuotedText("See below\n\n-----Original Message-----\nFrom: Léa")).toBe("See below");
    expect(stripQuotedText("De : Léa <lea@x.fr>\nEnvoyé : lundi")).toBe("");
    expect(stripQuotedText("> Is it broken?\nYes, the lid is cracked.")).toBe(
      "> Is it broken?\nYes, the lid is cracked.",
    );
  });

  it("leaves a message with no quote as it is", () => {
    expect(stripQuotedText("Hello,\n\nWhere is my order?\nJo")).toBe("Hello,\n\nWhere is my order?\nJo");
  });
});
