import { describe, expect, it } from "vitest";
import { staffSignature, withoutTypedSignature } from "@/lib/inbox/staff-signature";
import { renderEmailText } from "@/lib/templates/render-email-html";

const signature = staffSignature("Sofia", "Atelier Lune");
const composed = (text: string) =>
  renderEmailText({
    body: withoutTypedSignature(text, signature),
    preheader: null,
    signature,
    unsubscribeUrl: null,
    unsubscribeLabel: "",
    locale: "fr",
  });
const count = (text: string, part: string) => text.split(part).length - 1;

describe("staff reply signature", () => {
  it("is the agent's name and the shop's", () => {
    expect(signature).toBe("Sofia\nAtelier Lune");
  });

  it("appears exactly once in the sent text, whether or not the agent signed too", () => {
    for (const typed of [
      "Bonjour Camille,\n\nC'est réparé.",
      "Bonjour Camille,\n\nC'est réparé.\n\nSofia\nAtelier Lune",
      "Bonjour Camille,\n\nC'est réparé.\n\n— Sofia",
      "Bonjour Camille,\n\nC'est réparé.\n--\nsofia\natelier lune\n",
    ]) {
      const text = composed(typed);
      expect(text).toBe("Bonjour Camille,\n\nC'est réparé.\n\nSofia\nAtelier Lune\n");
      expect(count(text, "Sofia")).toBe(1);
    }
  });

  it("keeps a name that is part of the message, not its sign-off", () => {
    expect(withoutTypedSignature("Sofia from our workshop will call you.", signature)).toBe(
      "Sofia from our workshop will call you.",
    );
    expect(withoutTypedSignature("Sofia", signature)).toBe("Sofia");
  });
});
