// Every default founder-voice text, rendered as a customer receives it, for the customers the
// case studies name: a feminine product, a shop name starting with a vowel, long names.
import { describe, expect, it } from "vitest";
import { fitOneSegment } from "@/lib/sms/fit-one-segment";
import { smsSize } from "@/lib/sms/sms-segments";
import { DEFAULT_TEMPLATES } from "@/lib/templates/default-templates";
import { renderTemplate, type TemplateValues } from "@/lib/templates/render-template";
import { checkVoice } from "@/lib/templates/voice-check";

const APP_URL = "https://inbox.atelier-lune.fr"; // 29 characters, a typical shop address
const link = (token: string) => `${APP_URL}/r/${token}`;
const CUSTOMERS: { label: string; values: TemplateValues }[] = [
  {
    label: "a feminine product, a shop starting with a vowel",
    values: {
      firstName: "Hélène",
      productName: "Théière en fonte émaillée",
      shopName: "Atelier Lune",
      founderName: "Léa",
    },
  },
  {
    label: "a shop starting with a mute h",
    values: {
      firstName: "Jean-Baptiste",
      productName: "Abat-jour en lin",
      shopName: "Herboristerie Clément",
      founderName: "Émile",
    },
  },
  {
    label: "a long product name",
    values: {
      firstName: "Maëlle",
      productName: "Lampe de chevet en céramique émaillée bleu nuit",
      shopName: "Oiseau de Nuit",
      founderName: "Anaïs",
    },
  },
  {
    label: "no first name, no product",
    values: { firstName: null, productName: null, shopName: "Atelier Lune", founderName: "Léa" },
  },
];
const LINKS = { reviewLink: link("aB3dE5fGh1"), checkoutLink: link("hJ7kL9mNp2"), orderNumber: "#1042" };

const sent = DEFAULT_TEMPLATES.filter((template) => template.kind === "flow_step" || template.kind === "auto_reply");
const cases = sent.flatMap((template) =>
  CUSTOMERS.map(
    (customer) =>
      [`${template.key} ${template.channel} ${template.locale}, ${customer.label}`, template, customer.values] as const,
  ),
);

describe("the default texts as customers receive them", () => {
  it.each(cases)("%s", (_, template, customer) => {
    const values = { ...customer, ...LINKS };
    const render = (text: string, productName = values.productName) =>
      renderTemplate(text, { ...values, productName }, template.locale);
    const body =
      template.channel === "sms"
        ? fitOneSegment((productName) => render(template.body, productName), values.productName ?? null)
        : render(template.body);
    const subject = template.subject ? render(template.subject) : "";
    const all = `${subject}\n${body}`;

    expect(all).not.toMatch(/\{\{|\}\}/);
    expect(all).not.toMatch(/ [,.]/);
    if (template.locale === "fr") {
      // Elision before a vowel or a mute h, never "de Atelier" or "le Abat-jour".
      expect(all).not.toMatch(/\b(?:de|le|la|que|je) (?=[AEIOUYÉÈÊaeiouyéèêh])(?!Hollande)/);
      const warnings = checkVoice({
        text: body,
        subject,
        locale: "fr",
        channel: template.channel,
        purpose: "template",
        templateKey: template.key,
      });
      expect(warnings.filter((w) => w.rule.startsWith("fr_")).map((w) => `${w.rule}: ${w.quote}`)).toEqual([]);
      // No participle agreeing with the product, whose gender the text cannot know.
      if (values.productName) expect(all).not.toContain(`${values.productName} est`);
      if (values.productName)
        expect(all).not.toMatch(new RegExp(`${values.productName} (?:a été|vous (?:a|plaît)|convient)`));
    }
    if (template.channel === "sms") {
      const size = smsSize(body);
      expect(size.encoding, body).toBe("GSM-7");
      expect(size.segments, body).toBe(1);
    }
  });

  it("keeps the product's name whole when it fits and cuts it at a word when it does not", () => {
    const sms = DEFAULT_TEMPLATES.find(
      (template) => template.key === "sms_review_request" && template.locale === "fr",
    )!;
    const render = (values: TemplateValues) =>
      fitOneSegment(
        (productName) => renderTemplate(sms.body, { ...values, ...LINKS, productName }, "fr"),
        values.productName ?? null,
      );
    expect(render(CUSTOMERS[0]!.values)).toContain("votre Théière en fonte émaillée ?");
    const long = render(CUSTOMERS[2]!.values);
    expect(long).not.toContain("bleu nuit");
    expect(long).toMatch(/votre Lampe de chevet[\w\s]* \?/);
    expect(long).toContain("d'Oiseau de Nuit");
  });
});
