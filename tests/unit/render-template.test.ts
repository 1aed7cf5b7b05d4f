import { describe, expect, it } from "vitest";
import { fillKnownVariables, renderTemplate, TemplateRenderError, unknownVariables } from "@/lib/templates/render-template";

describe("renderTemplate", () => {
  it("fills variables", () => {
    expect(renderTemplate("Hi {{firstName}}, it's {{ founderName }} from {{shopName}}.", { firstName: "Camille", founderName: "Léa", shopName: "Atelier Lune" }, "en")).toBe(
      "Hi Camille, it's Léa from Atelier Lune.",
    );
  });

  it("uses the template's fallback, then the default one, for a missing value", () => {
    expect(renderTemplate("Bonjour {{firstName|à vous}},", {}, "fr")).toBe("Bonjour à vous,");
    expect(renderTemplate("Hi {{firstName}}, how is {{productName}}?", { firstName: " " }, "en")).toBe("Hi there, how is your order?");
    expect(renderTemplate("Bonjour {{firstName}}, votre avis ?", {}, "fr")).toBe("Bonjour, votre avis ?");
  });

  it("refuses a missing link or an unknown variable rather than sending braces", () => {
    expect(() => renderTemplate("Leave a review: {{reviewLink}}", {}, "en")).toThrow(new TemplateRenderError(["no value for {{reviewLink}}"]));
    expect(() => renderTemplate("Hi {{firstname}} {{coupon}}", { firstName: "A" }, "en")).toThrow("unknown variable {{firstname}}; unknown variable {{coupon}}");
    expect(unknownVariables("{{firstName}} {{frist_name}} {{frist_name}}")).toEqual(["frist_name"]);
  });
});

describe("fillKnownVariables", () => {
  it("fills what it knows and leaves the rest for the server", () => {
    expect(fillKnownVariables("Hi {{firstName}}, review {{productName|it}} here: {{reviewLink}}", { firstName: "Léa", productName: "" })).toBe("Hi Léa, review {{productName|it}} here: {{reviewLink}}");
  });
});
