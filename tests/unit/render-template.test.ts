import { describe, expect, it } from "vitest";
import {
  fillKnownVariables,
  renderTemplate,
  TemplateRenderError,
  unknownVariables,
} from "@/lib/templates/render-template";

describe("renderTemplate", () => {
  it("fills variables", () => {
    expect(
      renderTemplate(
        "Hi {{firstName}}, it's {{ founderName }} from {{shopName}}.",
        { firstName: "Camille", founderName: "Léa", shopName: "Atelier Lune" },
        "en",
      ),
    ).toBe("Hi Camille, it's Léa from Atelier Lune.");
  });

  it("uses the template's fallback, then the default one, for a missing value", () => {
    expect(renderTemplate("Bonjour {{firstName|à vous}},", {}, "fr")).toBe("Bonjour à vous,");
    expect(renderTemplate("Hi {{firstName}}, how is {{productName}}?", { firstName: " " }, "en")).toBe(
      "Hi there, how is your order?",
    );
    expect(renderTemplate("Bonjour {{firstName}}, votre avis ?", {}, "fr")).toBe("Bonjour, votre avis ?");
  });

  it("refuses a missing link or an unknown variable rather than sending braces", () => {
    expect(() => renderTemplate("Leave a review: {{reviewLink}}", {}, "en")).toThrow(
      new TemplateRenderError(["no value for {{reviewLink}}"]),
    );
    expect(() => renderTemplate("Hi {{firstname}} {{coupon}}", { firstName: "A" }, "en")).toThrow(
      "unknown variable {{firstname}}; unknown variable {{coupon}}",
    );
    expect(unknownVariables("{{firstName}} {{frist_name}} {{frist_name}}")).toEqual(["frist_name"]);
  });
});

describe("renderTemplate: French elision", () => {
  const fr = (text: string, values: Record<string, string | null>) => renderTemplate(text, values, "fr");

  it("elides before a vowel or a mute h, and only in French", () => {
    expect(fr("c'est Léa de {{shopName}}.", { shopName: "Atelier Lune" })).toBe("c'est Léa d'Atelier Lune.");
    expect(fr("c'est Léa de {{shopName}}.", { shopName: "Herboristerie Clément" })).toBe(
      "c'est Léa d'Herboristerie Clément.",
    );
    expect(fr("c'est Léa de {{shopName}}.", { shopName: "Épicerie Fine" })).toBe("c'est Léa d'Épicerie Fine.");
    expect(
      fr("Le {{productName}} que {{founderName}} a choisi", { productName: "abat-jour", founderName: "Émile" }),
    ).toBe("L'abat-jour qu'Émile a choisi");
    expect(renderTemplate("it's Léa de {{shopName}}", { shopName: "Atelier Lune" }, "en")).toBe(
      "it's Léa de Atelier Lune",
    );
  });

  it("keeps the full word before a consonant, an aspirated h, or inside a longer word", () => {
    expect(fr("c'est Léa de {{shopName}}.", { shopName: "Maison Lune" })).toBe("c'est Léa de Maison Lune.");
    expect(fr("c'est Léa de {{shopName}}.", { shopName: "Hollande Déco" })).toBe("c'est Léa de Hollande Déco.");
    expect(fr("c'est Léa de {{shopName}}.", { shopName: "Hibou Malin" })).toBe("c'est Léa de Hibou Malin.");
    expect(fr("Bonde {{shopName}}", { shopName: "Atelier" })).toBe("Bonde Atelier");
  });

  it("elides before the fallback that is used", () => {
    expect(fr("un avis de {{firstName|un ami}}", {})).toBe("un avis d'un ami");
  });
});

describe("fillKnownVariables", () => {
  it("fills what it knows and leaves the rest for the server", () => {
    expect(
      fillKnownVariables("Hi {{firstName}}, review {{productName|it}} here: {{reviewLink}}", {
        firstName: "Léa",
        productName: "",
      }),
    ).toBe("Hi Léa, review {{productName|it}} here: {{reviewLink}}");
  });
});
