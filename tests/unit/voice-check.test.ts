import { DEFAULT_SAVED_REPLIES } from "@/lib/saved-replies/default-saved-replies";
import { describe, expect, it } from "vitest";
import { DEFAULT_TEMPLATES, TEMPLATE_KEYS } from "@/lib/templates/default-templates";
import {
  checkVoice,
  REPLY_HINT_RULES,
  VOICE_RULES,
  type VoiceCheckInput,
  type VoiceRule,
} from "@/lib/templates/voice-check";

type Case = Partial<VoiceCheckInput> & { text: string };

/** An email template in the given language unless the case says otherwise. */
function input(locale: "en" | "fr", more: Case): VoiceCheckInput {
  return { locale, channel: "email", purpose: "template", ...more };
}
function warning(locale: "en" | "fr", rule: VoiceRule, more: Case) {
  return checkVoice(input(locale, more)).find((found) => found.rule === rule);
}

/**
 * For every rule, in both languages: texts that trigger it, with the words it must quote (null when the
 * rule is about something missing), and close texts that must not trigger it.
 */
const RULE_CASES: { rule: VoiceRule; locale: "en" | "fr"; triggers: [Case, string | null][]; passes: Case[] }[] = [
  {
    rule: "generic_opening",
    locale: "en",
    triggers: [
      [{ text: "Dear valued customer,\n\nThank you for your order." }, "Dear valued customer"],
      [{ text: "To whom it may concern,\n\nYour parcel left today." }, "To whom it may concern"],
      [{ text: "Hello customer, your order is ready.", channel: "sms" }, "Hello customer"],
    ],
    passes: [
      { text: "Dear {{firstName}},\n\nYou were one of my first customers, and a valued customer too." },
      { text: "Hi {{firstName}},\n\nCustomer service here means me, so write to me any time." },
    ],
  },
  {
    rule: "generic_opening",
    locale: "fr",
    triggers: [
      [{ text: "Bonjour cher client,\n\nMerci pour votre commande." }, "Bonjour cher client"],
      [{ text: "Madame, Monsieur,\n\nVotre colis est parti." }, "Madame, Monsieur"],
      [{ text: "Chère cliente, votre commande est prête.", channel: "sms" }, "Chère cliente"],
    ],
    passes: [
      { text: "Chère Camille,\n\nVous faites partie de mes premiers clients." },
      { text: "Bonjour Madame Martin,\n\nVotre colis est parti." },
    ],
  },
  {
    rule: "we_voice",
    locale: "en",
    triggers: [
      [{ text: "Hi {{firstName}},\n\nWe noticed you left something behind." }, "We"],
      [{ text: "Sorry about that, we're looking into it." }, "we're"],
      [{ text: "Our support team will get back to you." }, "Our support team"],
      [{ text: "If you need anything, contact us." }, "contact us"],
      [{ text: "Thanks,\nThe Maison Lumière team" }, "The Maison Lumière team"],
      [{ text: "Hi {{firstName}}, how is it going?", subject: "We miss you" }, "We"],
    ],
    passes: [
      {
        text: "Thank you for ordering from us. Nothing went wrong on our side, and a small shop like ours loves a review: it helps us a lot.",
      },
      { text: "If it's still refused, reply here and we'll find another way together." },
      { text: "Were the sweets well wrapped? West Coast parcels take a day more." },
    ],
  },
  {
    rule: "we_voice",
    locale: "fr",
    triggers: [
      [{ text: "Nous sommes désolés, notre équipe revient vers vous." }, "Nous sommes"],
      [{ text: "Bonjour {{firstName}}, nous vous remercions pour votre commande." }, "nous vous remercions"],
      [{ text: "Merci !\nToute l’équipe de la boutique" }, "l’équipe"],
      [{ text: "Notre équipe vous répond sous 24 h." }, "Notre équipe"],
      [{ text: "Une question ? N'hésitez pas à nous contacter." }, "nous contacter"],
      [{ text: "Un souci ? Écrivez-nous." }, "Écrivez-nous"],
    ],
    passes: [
      {
        text: "Merci d'avoir commandé chez nous. Rien n'a coincé de notre côté ? Votre avis nous aide énormément, pour une boutique comme la nôtre.",
      },
      { text: "Si elle est encore refusée, répondez-moi et on trouvera une autre solution ensemble." },
      { text: "Répondez-moi et nous allons trouver une solution ensemble." },
    ],
  },
  {
    rule: "pressure",
    locale: "en",
    triggers: [
      [{ text: "Don't forget: your basket is waiting!" }, "Don't forget"],
      [{ text: "Don’t forget your basket." }, "Don’t forget"],
      [{ text: "Last chance to get it at this price." }, "Last chance"],
      [{ text: "Hurry, it's going fast." }, "Hurry"],
      [{ text: "Only 2 candles left in your size." }, "Only 2 candles left"],
      [{ text: "Your basket expires today." }, "expires today"],
      [{ text: "Just a reminder: 24 hours left." }, "24 hours left"],
      [{ text: "Your basket is saved ⏰" }, "⏰"],
      [{ text: "Hi {{firstName}}, a small note.", subject: "Last chance for your basket" }, "Last chance"],
    ],
    passes: [
      { text: "No hurry at all: your basket is saved. There's no need to hurry either." },
      { text: "This is my last note about your order, I promise. One last thing: thank you." },
      {
        text: "Your bank's confirmation step can expire, so open the app first. If you have 30 seconds, I'd love to hear from you.",
      },
    ],
  },
  {
    rule: "pressure",
    locale: "fr",
    triggers: [
      [{ text: "N’oubliez pas votre panier !" }, "N’oubliez pas"],
      [{ text: "Dernière chance pour votre commande." }, "Dernière chance"],
      [{ text: "derniere chance, sans accent." }, "derniere chance"],
      [{ text: "Dépêchez-vous, le stock part vite." }, "Dépêchez-vous"],
      [{ text: "Plus que 3 bougies en stock." }, "Plus que 3"],
      [{ text: "Il ne reste que 2 pièces." }, "ne reste que 2"],
      [{ text: "Votre panier expire bientôt." }, "expire bientôt"],
      [{ text: "Offre limitée à ce week-end." }, "Offre limitée"],
      [{ text: "Bonjour ! Vite, votre panier vous attend." }, "Vite"],
      [{ text: "Commandez vite, c'est bientôt fini." }, "Commandez vite"],
      [{ text: "J-2 avant la fin des soldes." }, "J-2"],
    ],
    passes: [
      { text: "À très vite ! Je réponds vite à chaque message." },
      { text: "Un petit avis m'aiderait plus que vous ne le pensez. C'est mon dernier message, promis." },
      { text: "Le paiement a expiré ? La validation de la banque expire parfois : ouvrez d'abord l'application." },
    ],
  },
  {
    rule: "discount_first",
    locale: "en",
    triggers: [
      [{ text: "Hi {{firstName}},\n\nGood news: 20% off everything in your basket this week." }, "20% off"],
      [{ text: "Hi {{firstName}}, here is a promo code for your basket.", channel: "sms" }, "promo code"],
      [
        { text: "Hi {{firstName}},\n\nI noticed your order didn't go through.", subject: "Save 15% on your basket" },
        "Save 15%",
      ],
      [{ text: "Hello!\n\nFree shipping on your order if you finish it today." }, "Free shipping"],
    ],
    passes: [
      {
        text: "Hi {{firstName}},\n\nI noticed your order didn't go through, and I wanted to check that nothing went wrong on my side. If your card was declined, check the billing postcode, then try again. PS: here is a 10% discount code if it helps.",
      },
      { text: "Hi {{firstName}},\n\nYour 100% cotton throw is on its way. I packed it myself." },
    ],
  },
  {
    rule: "discount_first",
    locale: "fr",
    triggers: [
      [{ text: "Bonjour {{firstName}},\n\n-20% sur toute la boutique ce week-end." }, "-20%"],
      [
        { text: "Bonjour {{firstName}}, profitez d'une réduction de 15 % sur votre panier.", channel: "sms" },
        "réduction",
      ],
      [
        { text: "Bonjour {{firstName}},\n\nVotre panier vous attend.", subject: "Votre code promo BIENVENUE10" },
        "code promo",
      ],
      [{ text: "Bonjour,\n\nLivraison offerte si vous finalisez aujourd'hui." }, "Livraison offerte"],
    ],
    passes: [
      {
        text: "Bonjour {{firstName}},\n\nJ'ai vu que votre commande n'était pas allée au bout et je voulais vérifier que rien n'avait coincé de mon côté. Si la carte a été refusée, vérifiez le code postal. PS : voici un code de réduction si ça aide.",
      },
      {
        text: "Bonjour {{firstName}},\n\nVotre plaid 100 % coton est prêt pour la remise en main propre samedi. Solde insuffisant ? Pas de souci.",
      },
    ],
  },
  {
    rule: "several_calls_to_action",
    locale: "en",
    triggers: [
      [
        { text: "A review would help me: {{reviewLink}}\n\nAnd your basket is still here: {{checkoutLink}}" },
        "{{reviewLink}} · {{checkoutLink}}",
      ],
      [
        { text: "Your basket is here: {{checkoutLink}}. Thanks!\n\nFollow us on Instagram for new candles." },
        "{{checkoutLink}} · Follow us on",
      ],
      [
        { text: "Photos: https://lumiere.example/photos, and the care guide: https://lumiere.example/care." },
        "https://lumiere.example/photos · https://lumiere.example/care",
      ],
    ],
    passes: [
      {
        text: "If you have a minute, leave a review here:\n{{reviewLink}}\n\nOr just reply to this email. The link again, in case: {{reviewLink}}.",
      },
      {
        text: "Your basket is still here: {{checkoutLink}}\n\nIf your card was declined, check the postcode and try again, or reply and I'll help.",
      },
    ],
  },
  {
    rule: "several_calls_to_action",
    locale: "fr",
    triggers: [
      [
        { text: "Laissez un avis : {{reviewLink}}\n\nMerci !\n\nEt suivez-nous sur Instagram !" },
        "{{reviewLink}} · suivez-nous",
      ],
      [{ text: "Votre panier : {{checkoutLink}}\nVotre avis : {{reviewLink}}" }, "{{checkoutLink}} · {{reviewLink}}"],
    ],
    passes: [
      {
        text: "Si vous avez une minute, laissez un avis ici :\n{{reviewLink}}\n\nSi quelque chose ne va pas, répondez-moi.",
      },
      {
        text: "Ouvrez d'abord l'application de votre banque, puis réessayez.\n\nVotre panier vous attend ici : {{checkoutLink}}",
      },
    ],
  },
  {
    rule: "no_reply_invitation",
    locale: "en",
    triggers: [
      [{ text: "Hi {{firstName}},\n\nYour order is on its way. Thank you!" }, null],
      [{ text: "Your order is on its way.\n\nPlease do not reply to this email." }, null],
      [{ text: "Your order is on its way. (Sent from a no-reply address.)" }, null],
    ],
    passes: [
      { text: "If anything is wrong, just hit reply." },
      { text: "Don't hesitate to write back, I read everything." },
      { text: "Your order is on its way.", channel: "sms" },
    ],
  },
  {
    rule: "no_reply_invitation",
    locale: "fr",
    triggers: [
      [{ text: "Bonjour {{firstName}},\n\nVotre commande est partie. Merci !" }, null],
      [{ text: "Votre commande est partie.\n\nMerci de ne pas répondre à cet e-mail." }, null],
    ],
    passes: [
      { text: "Si quelque chose ne va pas, répondez simplement à cet e-mail." },
      { text: "Une question ? Écrivez-moi, je lis tout." },
      { text: "Votre commande est partie.", channel: "sms" },
    ],
  },
  {
    rule: "no_troubleshooting",
    locale: "en",
    triggers: [
      [
        {
          text: "Hi {{firstName}},\n\nYou left something in your basket. Did something go wrong? Just reply.\n\n{{checkoutLink}}",
          templateKey: TEMPLATE_KEYS.abandonedHelp,
        },
        null,
      ],
    ],
    passes: [
      {
        text: "Card declined? Check the billing postcode, then try again. Or just reply.\n\n{{checkoutLink}}",
        templateKey: TEMPLATE_KEYS.abandonedHelp,
      },
      { text: "Hi {{firstName}},\n\nDid your parcel arrive safely? Just reply.", templateKey: TEMPLATE_KEYS.checkIn },
    ],
  },
  {
    rule: "no_troubleshooting",
    locale: "fr",
    triggers: [
      [
        {
          text: "Bonjour {{firstName}},\n\nVous avez oublié votre panier. Un souci ? Répondez-moi.\n\n{{checkoutLink}}",
          templateKey: TEMPLATE_KEYS.abandonedHelp,
        },
        null,
      ],
    ],
    passes: [
      {
        text: "Carte refusée ? Vérifiez le code postal de facturation, puis réessayez. Ou répondez-moi.\n\n{{checkoutLink}}",
        templateKey: TEMPLATE_KEYS.abandonedHelp,
      },
      {
        text: "Bonjour {{firstName}},\n\nVotre colis est bien arrivé ? Répondez-moi.",
        templateKey: TEMPLATE_KEYS.checkIn,
      },
    ],
  },
  {
    rule: "sms_over_one_segment",
    locale: "en",
    triggers: [
      [
        {
          channel: "sms",
          text: "Hi {{firstName}}, it's {{founderName}} from {{shopName}}. How is your {{productName}} doing? If you have 30 seconds, I'd love to hear: {{reviewLink}} Reply STOP to opt out.",
        },
        null,
      ],
      [
        {
          channel: "sms",
          text: "Hi {{firstName}}, your {{productName}} is ready 🌙 Have a look: {{reviewLink}} Reply STOP to opt out",
        },
        "🌙",
      ],
    ],
    passes: [
      {
        channel: "sms",
        text: "Hi {{firstName}}, it's {{founderName}} from {{shopName}}. A few words on your {{productName}} would help me: {{reviewLink}} STOP to opt out",
      },
    ],
  },
  {
    rule: "sms_over_one_segment",
    locale: "fr",
    triggers: [
      [
        {
          channel: "sms",
          text: "Merci {{firstName}} 🌙 cela me fait vraiment plaisir ! Si vous avez un instant, c'est ici : {{reviewLink}}",
        },
        "🌙",
      ],
      [
        {
          channel: "sms",
          text: "Bonjour {{firstName}}, c'est {{founderName}} de {{shopName}}. Un petit avis sur votre {{productName}} m'aiderait beaucoup : {{reviewLink}} STOP pour ne plus recevoir de SMS",
        },
        null,
      ],
    ],
    passes: [
      {
        channel: "sms",
        text: "Merci {{firstName}}, cela me fait vraiment plaisir ! Si vous avez un instant, c'est ici : {{reviewLink}} STOP au 36180",
      },
      // Sent with the ç made plain ("ca"): one GSM-7 segment.
      {
        channel: "sms",
        text: "Merci {{firstName}}, ça me fait vraiment plaisir ! Si vous avez un instant, c'est ici : {{reviewLink}}",
      },
    ],
  },
  {
    rule: "sms_no_stop",
    locale: "en",
    triggers: [
      [{ channel: "sms", text: "Hi {{firstName}}, how is your candle? {{reviewLink}}" }, null],
      [{ channel: "sms", text: "Hi {{firstName}}, don't stop now: {{reviewLink}}" }, null],
    ],
    passes: [
      { channel: "sms", text: "Hi {{firstName}}, how is your candle? {{reviewLink}} Reply STOP to opt out" },
      {
        channel: "sms",
        text: "That made my day, thank you {{firstName}}! {{reviewLink}}",
        templateKey: TEMPLATE_KEYS.autoReviewLink,
      },
    ],
  },
  {
    rule: "sms_no_stop",
    locale: "fr",
    triggers: [[{ channel: "sms", text: "Bonjour {{firstName}}, votre avis : {{reviewLink}}" }, null]],
    passes: [
      { channel: "sms", text: "Bonjour {{firstName}}, votre avis : {{reviewLink}} STOP pour ne plus recevoir de SMS" },
      { channel: "sms", text: "Bonjour {{firstName}}, votre avis : {{reviewLink}} Répondez STOP pour arrêter." },
    ],
  },
  {
    rule: "fr_elision",
    locale: "fr",
    triggers: [
      [{ text: "Bonjour {{firstName}}, c'est Léa de Atelier Lune." }, "de Atelier"],
      [{ text: "Je pense que il vous plaira." }, "que il"],
      [{ text: "Dites-moi si il arrive abîmé." }, "si il"],
    ],
    passes: [
      { text: "C'est Léa de {{shopName}}, d'Atelier Lune." },
      { text: "Un avis de une minute, si elle vous plaît." },
      { text: "Le huit mars, de Hollande." },
    ],
  },
  {
    rule: "fr_elision",
    locale: "en",
    triggers: [],
    passes: [{ text: "A note de Atelier Lune, que il says." }],
  },
  {
    rule: "fr_spelling",
    locale: "fr",
    triggers: [
      [{ text: "Votre commande vous plait ?" }, "vous plait"],
      [{ text: "Merci, a bientot !" }, "a bientot"],
      [{ text: "Envoyez-le moi, s'il vous plait." }, "s'il vous plait"],
    ],
    passes: [{ text: "Votre commande vous plaît ? À bientôt !" }, { text: "Elle plaisait déjà, voilà." }],
  },
  {
    rule: "fr_spelling",
    locale: "en",
    triggers: [],
    passes: [{ text: "Voila, it's deja vu: vous plait." }],
  },
  {
    rule: "fr_agreement",
    locale: "fr",
    triggers: [
      [{ text: "Votre {{productName}} a été livré hier." }, "{{productName}} a été livré"],
      [{ text: "Votre {{productName}} est bien arrivé ?" }, "{{productName}} est bien arrivé"],
    ],
    passes: [
      { text: "Votre commande a été livrée hier. Que pensez-vous de votre {{productName}} ?" },
      { text: "Votre {{productName}} vous plaît ?" },
    ],
  },
  {
    rule: "fr_agreement",
    locale: "en",
    triggers: [],
    passes: [{ text: "Your {{productName}} est arrivé." }],
  },
];

describe("checkVoice: each rule, in both languages", () => {
  it("has a case table for every rule in English and French", () => {
    const covered = new Set(RULE_CASES.map((entry) => `${entry.rule}:${entry.locale}`));
    expect(VOICE_RULES.flatMap((rule) => [`${rule}:en`, `${rule}:fr`]).filter((key) => !covered.has(key))).toEqual([]);
  });

  describe.each(RULE_CASES)("$rule ($locale)", ({ rule, locale, triggers, passes }) => {
    it.each(triggers)("warns on %j", (text, quote) => {
      expect(warning(locale, rule, text)).toMatchObject({ rule, quote });
    });
    it.each(passes)("stays quiet on %j", (text) => {
      expect(warning(locale, rule, text)).toBeUndefined();
    });
  });
});

describe("checkVoice: the founder-voice defaults", () => {
  // Measured with realistic values (a 30-character tracked link, "Maison Lumière"): every default
  // text passes, SMS included (one GSM-7 segment).
  const sent = DEFAULT_TEMPLATES.filter((template) => template.kind === "flow_step" || template.kind === "auto_reply");
  it.each(sent.map((template) => [`${template.key} ${template.channel} ${template.locale}`, template] as const))(
    "%s passes",
    (_, template) => {
      const warnings = checkVoice({
        text: template.body,
        subject: template.subject,
        preheader: template.preheader,
        locale: template.locale,
        channel: template.channel,
        purpose: "template",
        templateKey: template.key,
      });
      expect(warnings.map((found) => found.rule)).toEqual([]);
    },
  );

  it.each(DEFAULT_SAVED_REPLIES.map((saved) => [`${saved.name} (${saved.locale})`, saved] as const))(
    "saved reply %s gives no hint in the composer",
    (_, saved) => {
      expect(checkVoice({ text: saved.body, locale: saved.locale, channel: "email", purpose: "reply" })).toEqual([]);
    },
  );
});

describe("checkVoice: agents' replies in the composer", () => {
  const reply = (text: string, more: Partial<VoiceCheckInput> = {}) =>
    checkVoice({ text, locale: "fr", channel: "email", purpose: "reply", ...more });

  it("says nothing about a normal reply", () => {
    expect(reply("Bonjour Camille, je regarde ça et je reviens vers vous")).toEqual([]);
    expect(reply("Bonjour Camille, je regarde ça et je reviens vers vous", { channel: "sms" })).toEqual([]);
  });

  it("gives a gentle we_voice hint, quoting the words", () => {
    expect(reply("Nous sommes désolés, notre équipe revient vers vous rapidement.")).toEqual([
      expect.objectContaining({ rule: "we_voice", quote: "Nous sommes" }),
    ]);
  });

  it("only ever checks the reply hints", () => {
    expect([...REPLY_HINT_RULES].sort()).toEqual(["discount_first", "generic_opening", "pressure", "we_voice"]);
    // Two links, no invitation to reply, two SMS segments, no STOP: all fine in a reply.
    const long = `Hi Camille, here is the tracking page: https://track.example/1042 and the care guide: https://lumiere.example/care. ${"It should arrive tomorrow. ".repeat(6)}`;
    expect(
      checkVoice({
        text: long,
        locale: "en",
        channel: "sms",
        purpose: "reply",
        templateKey: TEMPLATE_KEYS.abandonedHelp,
      }),
    ).toEqual([]);
    const pushy = checkVoice({
      text: "Dear customer, we can offer 20% off, last chance!",
      locale: "en",
      channel: "email",
      purpose: "reply",
    });
    expect(pushy.map((found) => found.rule)).toEqual(["generic_opening", "we_voice", "pressure", "discount_first"]);
  });
});

describe("checkVoice: messages", () => {
  it("writes the title and suggestion in the UI language, with examples in the text's language", () => {
    const sms = {
      text: "Bonjour {{firstName}}, votre avis : {{reviewLink}}",
      locale: "fr",
      channel: "sms",
      purpose: "template",
    } as const;
    expect(checkVoice(sms)).toEqual([
      { rule: "sms_no_stop", title: "No STOP line", quote: null, suggestion: "End with the opt-out line: “STOP SMS”" },
    ]);
    expect(checkVoice({ ...sms, uiLocale: "fr" })).toEqual([
      {
        rule: "sms_no_stop",
        title: "Pas de mention STOP",
        quote: null,
        suggestion: "Terminez par la mention de désinscription : « STOP SMS »",
      },
    ]);
  });

  it("gives the SMS measure, and names the characters that switch it to Unicode", () => {
    const [found] = checkVoice({
      text: "Merci {{firstName}} 🌙 cela me fait vraiment plaisir ! Si vous avez un instant, c'est ici : {{reviewLink}}",
      locale: "fr",
      channel: "sms",
      purpose: "template",
      templateKey: TEMPLATE_KEYS.autoReviewLink,
      uiLocale: "fr",
    });
    expect(found?.quote).toBe("🌙");
    expect(found?.suggestion).toContain("2 segments (129 caractères, un segment en contient 70)");
    expect(found?.suggestion).toContain("Unicode");
  });

  it("has a title and a suggestion for every rule in both UI languages", () => {
    const everything = {
      text: "Dear customer, we",
      subject: "Last chance: 20% off",
      locale: "en",
      purpose: "template",
      templateKey: TEMPLATE_KEYS.abandonedHelp,
    } as const;
    for (const uiLocale of ["en", "fr"] as const) {
      const found = [
        ...checkVoice({ ...everything, channel: "email", uiLocale }),
        ...checkVoice({ ...everything, text: "🌙".repeat(40), channel: "sms", uiLocale }),
      ];
      for (const warn of found)
        expect(warn.title && warn.suggestion && !/\{\w+\}(?!\})/.test(warn.suggestion)).toBeTruthy();
      // All but several_calls_to_action, and the French rules on this English text.
      expect(new Set(found.map((warn) => warn.rule)).size).toBe(
        VOICE_RULES.filter((rule) => !rule.startsWith("fr_")).length - 1,
      );
      const french = checkVoice({
        text: "Votre {{productName}} a été livré. Il vous plait ? C'est Léa de Atelier Lune.",
        locale: "fr",
        channel: "email",
        purpose: "template",
        uiLocale,
      });
      for (const rule of ["fr_elision", "fr_spelling", "fr_agreement"])
        expect(french.find((warn) => warn.rule === rule)?.suggestion, rule).toBeTruthy();
    }
  });
});

describe("checkVoice: on every keystroke", () => {
  it("stays fast on long and repetitive texts", () => {
    const long = DEFAULT_TEMPLATES.map((template) => template.body)
      .join("\n\n")
      .repeat(20);
    const repetitive = [
      "nous ".repeat(4000),
      "we ".repeat(4000) + "together",
      "a".repeat(20_000),
      "vite ! ".repeat(2000),
      "Hi ".repeat(4000),
    ];
    const started = performance.now();
    for (const text of [long, ...repetitive]) {
      for (const locale of ["en", "fr"] as const)
        checkVoice({ text, locale, channel: "email", purpose: "template", templateKey: TEMPLATE_KEYS.abandonedHelp });
    }
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
