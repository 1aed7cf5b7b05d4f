import { describe, expect, it } from "vitest";
import { CANNED_REPLY_PREFIX, DEFAULT_TEMPLATES, TEMPLATE_KEYS } from "@/lib/templates/default-templates";
import { variablesForTemplate, variablesNotProvided } from "@/lib/templates/step-variables";

describe("variables each template's step provides", () => {
  it("offers no checkout link after delivery and no review link before a purchase", () => {
    expect(variablesForTemplate(TEMPLATE_KEYS.checkIn)).not.toContain("checkoutLink");
    expect(variablesForTemplate(TEMPLATE_KEYS.checkIn)).toContain("reviewLink");
    expect(variablesForTemplate(TEMPLATE_KEYS.abandonedHelp)).toContain("checkoutLink");
    expect(variablesForTemplate(TEMPLATE_KEYS.abandonedHelp)).not.toContain("reviewLink");
    expect(variablesForTemplate(TEMPLATE_KEYS.helpReply)).toEqual(["firstName", "shopName", "founderName"]);
    expect(variablesForTemplate(`${CANNED_REPLY_PREFIX}anything`)).not.toContain("checkoutLink");
  });

  it("names the variables a text uses that its step does not fill, once each, fallbacks included", () => {
    expect(
      variablesNotProvided(
        "Hi {{firstName}}, your basket: {{checkoutLink}} {{ checkoutLink|here }}",
        TEMPLATE_KEYS.checkIn,
      ),
    ).toEqual(["checkoutLink"]);
    expect(variablesNotProvided("Review: {{reviewLink}}, order {{orderNumber}}", TEMPLATE_KEYS.abandonedHelp)).toEqual([
      "reviewLink",
      "orderNumber",
    ]);
    expect(variablesNotProvided("Basket: {{checkoutLink}}", TEMPLATE_KEYS.abandonedHelp)).toEqual([]);
    // Unknown names are another check's business (variable-problems).
    expect(variablesNotProvided("{{unknownThing}}", TEMPLATE_KEYS.checkIn)).toEqual([]);
  });

  it("accepts every default template as shipped", () => {
    for (const template of DEFAULT_TEMPLATES) {
      for (const text of [template.subject, template.preheader, template.body])
        expect(
          variablesNotProvided(text, template.key),
          `${template.key} ${template.channel} ${template.locale}`,
        ).toEqual([]);
    }
  });
});
