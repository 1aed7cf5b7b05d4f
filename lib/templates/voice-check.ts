// The voice check (issue #6): does a text sound like the founder writing to one customer?
// Pure and synchronous (no I/O, no server-only), so the template editor, the approval queue and
// the inbox composer run it on every keystroke. Each warning names its rule, quotes the words it
// found (null when the rule is about something missing) and suggests a fix, in the UI language.
//
// The rules, per language of the text (EN / FR), in the order warnings come:
//   generic_opening          "Dear customer", "To whom it may concern" / "Cher client", "Madame, Monsieur".
//   we_voice                 "we", "our team", "contact us", "let us know" / "nous" as the subject ("nous sommes",
//                            "nous vous remercions"), "notre équipe", "l'équipe", "contactez-nous". The shop as a place stays fine ("ordering from us", "chez nous",
//                            "de notre côté", "un avis nous aide"), and so does the shared "we … together".
//   pressure                 don't forget, last chance, hurry, act now, only 3 left, expires today, countdowns /
//                            n'oubliez pas, dernière chance, dépêchez-vous, plus que 3, offre limitée, J-2, "Vite !".
//   discount_first           a discount in the subject, the preheader or the first ~120 characters after the greeting.
//   several_calls_to_action  more than one distinct link, or a link plus a separate ask ("follow us on Instagram");
//                            an ask in the sentence before its link is one action, an invitation to reply is none.
//   no_reply_invitation      an email template that never invites a reply ("just reply", "répondez simplement");
//                            "do not reply" / "ne pas répondre" is no invitation. Optional in an SMS.
//   no_troubleshooting       the abandoned-checkout template names no usual blocker (card, payment, bank…)
//                            together with a fix (try again, check…, another card…).
//   sms_over_one_segment     with realistic sample values, the SMS costs more than one segment.
//   sms_no_stop              an SMS template without the STOP keyword (uppercase), except the answers to a text the
//                            customer has just sent (CONVERSATIONAL_SMS_KEYS).
//   fr_elision               French: no elision before a vowel written out ("de Atelier", "que on"); before a
//                            {{variable}} the renderer elides by itself.
//   fr_spelling              French: "plait" for "plaît", "a bientot" for "à bientôt" and the like.
//   fr_agreement             French: a past participle that agrees with {{productName}} ("Votre {{productName}} a
//                            été livré"): the product may be feminine or plural. Say "Votre commande a été livrée".
//
// Purpose "reply" (an agent writing in the composer) gets only the gentle hints that make sense for a
// person answering one customer: we_voice, pressure, discount_first, generic_opening. Several links can be
// genuine help in a reply, the reply itself is the conversation, the composer already counts SMS segments,
// and STOP lines belong to automated texts.
//
// How the text is read: accents and typographic apostrophes are folded first ("dernière" and "derniere",
// "n’oubliez" and "n'oubliez" match alike), case is ignored, and word edges are Unicode letters (\b is
// ASCII-only). The folded copy has the same length as the text, so quotes are cut from the original.
// One warning per rule, quoting its first occurrence. Every pattern is compiled once, with bounded repeats.
import type { Channel } from "@/lib/channels/channels";
import { smsSize } from "@/lib/sms/sms-segments";
import { TEMPLATE_KEYS } from "@/lib/templates/default-templates";
import { toGsm7 } from "@/lib/sms/fit-one-segment";
import { fillKnownVariables, renderTemplate, type TemplateValues } from "@/lib/templates/render-template";

export type VoiceRule =
  | "we_voice"
  | "pressure"
  | "discount_first"
  | "several_calls_to_action"
  | "no_reply_invitation"
  | "no_troubleshooting"
  | "sms_over_one_segment"
  | "sms_no_stop"
  | "generic_opening"
  | "fr_elision"
  | "fr_spelling"
  | "fr_agreement";
export type VoiceWarning = { rule: VoiceRule; title: string; quote: string | null; suggestion: string };
type Lang = "en" | "fr";
export type VoiceCheckInput = {
  /** The body. For email, pass the subject and preheader too: the opening rules read them. */
  text: string;
  subject?: string | null;
  preheader?: string | null;
  /** The language of the text: each rule has its own words per language. */
  locale: Lang;
  channel: Channel;
  /** "template": a founder-voice template, every rule. "reply": an agent's reply, gentle hints only (REPLY_HINT_RULES). */
  purpose: "template" | "reply";
  /** Template key: "abandoned_checkout" turns on the troubleshooting rule. */
  templateKey?: string | null;
  /** Language of the warnings' title and suggestion. Default "en". */
  uiLocale?: Lang;
  /** The app's address, so an SMS is measured with the real length of its tracked link. */
  appUrl?: string;
};

/** Every rule, in the order warnings are returned. */
export const VOICE_RULES: readonly VoiceRule[] = [
  "generic_opening",
  "we_voice",
  "pressure",
  "discount_first",
  "several_calls_to_action",
  "no_reply_invitation",
  "no_troubleshooting",
  "sms_over_one_segment",
  "sms_no_stop",
  "fr_elision",
  "fr_spelling",
  "fr_agreement",
];

/** The rules checked on an agent's reply in the composer: hints, never blocking. */
export const REPLY_HINT_RULES: ReadonlySet<VoiceRule> = new Set<VoiceRule>([
  "we_voice",
  "pressure",
  "discount_first",
  "generic_opening",
]);

/**
 * Templates sent as an answer to a text the customer has just sent (the conversation is theirs, and the
 * texts before it carried the STOP line): they need no STOP line of their own. The opt-out
 * confirmation least of all: the customer has just stopped.
 */
const CONVERSATIONAL_SMS_KEYS: ReadonlySet<string> = new Set<string>([
  TEMPLATE_KEYS.autoReviewLink,
  TEMPLATE_KEYS.optOutConfirmation,
]);

// ---------------------------------------------------------------------------------------------------
// The rule's explanation, in both UI languages. {placeholders} are filled from the text's language
// (EXAMPLES) or from the SMS measure, so an English UI suggests a French STOP line for a French text.

const MESSAGES: Record<VoiceRule, Record<Lang, { title: string; suggestion: string }>> = {
  generic_opening: {
    en: { title: "Generic greeting", suggestion: "Greet the customer by name, as you would in person: “{greeting}”" },
    fr: {
      title: "Formule d'appel impersonnelle",
      suggestion: "Saluez le client par son prénom, comme en personne : « {greeting} »",
    },
  },
  we_voice: {
    en: {
      title: "“We” where you speak as “I”",
      suggestion:
        "Speak as yourself: “I”, “me”, “my” (“I'll sort it out”, “reply to me”). The shop can still be “us” as a place (“thanks for ordering from us”).",
    },
    fr: {
      title: "« Nous » là où vous parlez en « je »",
      suggestion:
        "Parlez en votre nom : « je », « moi », « mon » (« je m'en occupe », « répondez-moi »). La boutique peut rester un lieu (« commander chez nous »).",
    },
  },
  pressure: {
    en: {
      title: "Urgency or pressure",
      suggestion:
        "Drop the countdown and the pressure: say plainly what is true (“your basket is saved”) and let the customer take their time.",
    },
    fr: {
      title: "Urgence ou pression",
      suggestion:
        "Retirez le compte à rebours et la pression : dites simplement ce qui est vrai (« votre panier est gardé ») et laissez le client prendre son temps.",
    },
  },
  discount_first: {
    en: {
      title: "Opens with a discount",
      suggestion: "Open with help or a personal note. If there is an offer, mention it later, once, plainly.",
    },
    fr: {
      title: "Commence par une remise",
      suggestion:
        "Commencez par de l'aide ou un mot personnel. S'il y a une offre, mentionnez-la plus loin, une fois, simplement.",
    },
  },
  several_calls_to_action: {
    en: {
      title: "More than one call to action",
      suggestion:
        "Keep one link or one ask per message; the rest can wait for another message. Inviting a reply does not count.",
    },
    fr: {
      title: "Plus d'un appel à l'action",
      suggestion:
        "Gardez un seul lien ou une seule demande par message ; le reste peut attendre un autre message. Inviter à répondre ne compte pas.",
    },
  },
  no_reply_invitation: {
    en: { title: "No invitation to reply", suggestion: "Invite a reply, in your words, for example: “{replyLine}”" },
    fr: {
      title: "Pas d'invitation à répondre",
      suggestion: "Invitez à répondre, avec vos mots, par exemple : « {replyLine} »",
    },
  },
  fr_elision: {
    en: {
      title: "Missing elision",
      suggestion:
        "In French, “de”, “le”, “que”… lose their vowel before a vowel: “d'Atelier”, “qu'on”. Before a {{variable}} it is done for you.",
    },
    fr: {
      title: "Élision oubliée",
      suggestion:
        "« de », « le », « que »… perdent leur voyelle devant une voyelle : « d'Atelier », « qu'on ». Devant une {{variable}}, c'est fait pour vous.",
    },
  },
  fr_spelling: {
    en: {
      title: "French spelling",
      suggestion: "Write it with its accent: “plaît”, “à bientôt”, “s'il vous plaît”. A French reader notices.",
    },
    fr: {
      title: "Orthographe",
      suggestion: "Avec son accent : « plaît », « à bientôt », « s'il vous plaît ». Un lecteur français le remarque.",
    },
  },
  fr_agreement: {
    en: {
      title: "Agreement with the product name",
      suggestion:
        "The product may be feminine or plural: make the order the subject (“Votre commande a été livrée”) or use a verb that does not agree (“Que pensez-vous de votre {{productName}} ?”).",
    },
    fr: {
      title: "Accord avec le nom du produit",
      suggestion:
        "Le produit peut être féminin ou pluriel : faites de la commande le sujet (« Votre commande a été livrée ») ou prenez un verbe qui ne s'accorde pas (« Que pensez-vous de votre {{productName}} ? »).",
    },
  },
  no_troubleshooting: {
    en: {
      title: "No troubleshooting section",
      suggestion:
        "Name the usual blockers and their fixes before the basket link, for example: “{troubleshootingLine}”",
    },
    fr: {
      title: "Pas de section de dépannage",
      suggestion:
        "Nommez les blocages habituels et leur solution avant le lien du panier, par exemple : « {troubleshootingLine} »",
    },
  },
  sms_over_one_segment: {
    en: {
      title: "Longer than one SMS",
      suggestion:
        "With sample values this text takes {segments} segments ({units} characters, one segment holds {limit}). Shorten it to send (and pay for) one SMS.",
    },
    fr: {
      title: "Plus long qu'un SMS",
      suggestion:
        "Avec des valeurs d'exemple, ce texte prend {segments} segments ({units} caractères, un segment en contient {limit}). Raccourcissez-le pour envoyer (et payer) un seul SMS.",
    },
  },
  sms_no_stop: {
    en: { title: "No STOP line", suggestion: "End with the opt-out line: “{stopLine}”" },
    fr: { title: "Pas de mention STOP", suggestion: "Terminez par la mention de désinscription : « {stopLine} »" },
  },
};

/** Added to the SMS suggestion when characters outside GSM-7 (emoji, some accents) cut a segment to 70. */
const UNICODE_NOTE: Record<Lang, string> = {
  en: " The quoted characters switch the SMS to Unicode, where a segment holds only 70.",
  fr: " Les caractères cités passent le SMS en Unicode, où un segment ne contient que 70 caractères.",
};

/** Lines in the text's own language, quoted by the suggestions. */
const EXAMPLES: Record<Lang, Record<"greeting" | "replyLine" | "troubleshootingLine" | "stopLine", string>> = {
  en: {
    greeting: "Hi {{firstName}},",
    replyLine: "Just reply to this email, I read every reply.",
    troubleshootingLine: "Card declined? Check that the billing postcode matches your bank's, then try again.",
    stopLine: "Reply STOP to opt out",
  },
  fr: {
    greeting: "Bonjour {{firstName}},",
    replyLine: "Répondez simplement à cet e-mail, je lis toutes les réponses.",
    troubleshootingLine:
      "Carte refusée ? Vérifiez que le code postal de facturation est celui de votre banque, puis réessayez.",
    stopLine: "STOP SMS",
  },
};

/** Realistic values for measuring an SMS: a tracked link is APP_URL/r/ plus a 12-character token. */
const SMS_SAMPLE_VALUES: Record<Lang, TemplateValues> = {
  en: {
    firstName: "Camille",
    founderName: "Claire",
    shopName: "Maison Lumière",
    productName: "fig candle",
    orderNumber: "#1042",
  },
  fr: {
    firstName: "Camille",
    founderName: "Claire",
    shopName: "Maison Lumière",
    productName: "bougie figue",
    orderNumber: "#1042",
  },
};

// ---------------------------------------------------------------------------------------------------
// The words. Written folded (no accents, straight apostrophes) and matched case-insensitively.

const NUMBER_EN = String.raw`(?:\d+|an?|one|two|three|a\s+few)`;
const NUMBER_FR = String.raw`(?:\d+|une?|deux|trois|quelques)`;

const WE_VOICE: Record<Lang, string[]> = {
  en: [
    String.raw`we(?:'(?:re|ve|ll|d))?`,
    String.raw`(?:our|the)\s+(?:whole\s+|entire\s+)?(?:\{\{\s*shopName\s*\}\}\s+|customer\s+(?:service|support|care|success)\s+|support\s+|care\s+|sales\s+)?teams?`,
    String.raw`our\s+(?:staff|customer\s+(?:service|support|care))`,
    String.raw`(?:contact|e-?mail|call|message|reach|write\s+to|get\s+in\s+touch\s+with|let)\s+us`, // "let us know": "let me know"
    String.raw`^[^\n]{0,45}(?<!\p{L})team[ \t]*[.!]?[ \t]*$`, // a sign-off line: "The Maison Lumière team"
  ],
  fr: [
    // "nous" as the subject: followed (maybe after a pronoun or two) by a verb in -ons or "sommes".
    String.raw`nous\s+(?:(?:ne|vous|en|y|le|la|les|lui|leur|nous)\s+|n'|l'){0,3}(?:sommes|\p{L}{1,20}ons)`,
    String.raw`notre\s+equipe`,
    String.raw`nos\s+equipes`,
    String.raw`l'equipe`,
    String.raw`(?:notre|le)\s+service\s+(?:clients?|clientele|apres-vente)`,
    String.raw`(?:notre|le)\s+sav`,
    String.raw`(?:contactez|ecrivez|appelez|joignez)-nous`,
    String.raw`nous\s+(?:contacter|ecrire|joindre|appeler|le\s+dire|faire\s+savoir)`,
  ],
};

const PRESSURE: Record<Lang, string[]> = {
  en: [
    String.raw`(?:don't|dont|do\s+not)\s+forget`,
    String.raw`(?:last|final)\s+chance`,
    String.raw`(?<!(?<!\p{L})(?:no|no\s+need\s+to|in\s+a|don't|do\s+not|not)\s+)hurry(?:\s+up)?`, // "no hurry" is kind
    String.raw`act\s+(?:now|fast|quickly)`,
    String.raw`(?:only|just)\s+\d+\s+(?:\p{L}{1,20}\s+)?left`,
    String.raw`\d+\s+left\s+in\s+stock`,
    String.raw`(?:almost|nearly)\s+(?:gone|sold\s+out)`,
    String.raw`selling\s+(?:out\s+)?fast`,
    String.raw`expir(?:es|ing)\s+(?:soon|today|tonight|at\s+midnight|in\s+${NUMBER_EN}\s+(?:h|hrs?|hours?|days?))`,
    String.raw`end(?:s|ing)\s+(?:soon|today|tonight|at\s+midnight|in\s+${NUMBER_EN}\s+(?:h|hrs?|hours?|days?))`,
    String.raw`limited[\s-]+time`,
    String.raw`today\s+only`,
    String.raw`while\s+(?:stocks?|supplies)\s+lasts?`,
    String.raw`before\s+it's\s+(?:too\s+late|gone)`,
    String.raw`(?:don't|do\s+not)\s+miss\s+out`,
    String.raw`final\s+hours`,
    String.raw`\d+\s*(?:h|hrs?|hours?|mins?|minutes?|days?)\s+(?:left|to\s+go|remaining)`,
    String.raw`countdown`,
    String.raw`\d{1,2}:\d{2}:\d{2}`, // a timer
    String.raw`[⏰⏳⌛]`,
  ],
  fr: [
    String.raw`n'oublie(?:z)?\s+pas`,
    String.raw`derniere\s+chance`,
    String.raw`dernieres\s+heures`,
    String.raw`depeche(?:z)?[\s-]+(?:vous|toi)`,
    String.raw`faites\s+vite`,
    String.raw`\p{L}{1,20}ez(?:-en)?\s+vite`, // "commandez vite", "profitez-en vite"
    String.raw`(?<=^|[.!?]\s{1,3})vite(?=\s*[!,])`, // "Vite !" opening a sentence, not "À très vite !"
    String.raw`foncez`,
    String.raw`plus\s+que\s+\d+`,
    String.raw`plus\s+qu'(?:un|une)\s+(?:jour|heure|nuit|semaine)`,
    String.raw`(?:ne\s+)?reste\s+(?:plus\s+)?qu(?:e\s+|')${NUMBER_FR}`,
    String.raw`il\s+vous\s+reste\s+${NUMBER_FR}\s+(?:h|heures?|jours?|minutes?)`,
    String.raw`expire(?:nt|ra)?\s+(?:bientot|aujourd'hui|ce\s+soir|a\s+minuit|dans\s+${NUMBER_FR}\s+(?:h|heures?|j|jours?))`,
    String.raw`(?:se\s+)?termine\s+(?:bientot|aujourd'hui|ce\s+soir|a\s+minuit|dans\s+${NUMBER_FR}\s+(?:h|heures?|j|jours?))`,
    String.raw`offre\s+limitee`,
    String.raw`(?:a\s+)?duree\s+limitee`,
    String.raw`temps\s+limite`,
    String.raw`quantites?\s+limitees?`,
    String.raw`jusqu'a\s+epuisement\s+des\s+stocks`,
    String.raw`avant\s+qu'il\s+ne\s+soit\s+trop\s+tard`,
    String.raw`ne\s+(?:tardez|ratez|manquez)\s+pas`,
    String.raw`aujourd'hui\s+seulement`,
    String.raw`compte\s+a\s+rebours`,
    String.raw`j\s?-\s?\d{1,2}`, // "J-2"
    String.raw`\d+\s*(?:h|heures?|jours?|minutes?)\s+(?:restantes?|restants?|pour\s+en\s+profiter)`,
    String.raw`\d{1,2}:\d{2}:\d{2}`,
    String.raw`[⏰⏳⌛]`,
  ],
};

const PERCENT_DOWN = String.raw`-\s?\d{1,2}\s?%`; // "-20%"
const DISCOUNT: Record<Lang, string[]> = {
  en: [
    PERCENT_DOWN,
    String.raw`\d+\s*%\s*(?:off|discount)`,
    String.raw`(?:[$£€]\s*\d+(?:[.,]\d+)?|\d+(?:[.,]\d+)?\s*[$£€])\s+off`,
    String.raw`(?:save|get|take)\s+(?:up\s+to\s+)?(?:\d+\s*%|[$£€]\s*\d+|\d+\s*[$£€])`,
    String.raw`discount(?:s|ed)?(?:\s+code)?`,
    String.raw`promo(?:tion|tional)?(?:\s+code)?`,
    String.raw`coupon(?:\s+code)?`,
    String.raw`vouchers?`,
    String.raw`free\s+(?:shipping|delivery|gift)`,
    String.raw`(?:flash|clearance|summer|winter|spring|big|black\s+friday)\s+sale`,
    String.raw`on\s+sale`,
    String.raw`special\s+offer`,
    String.raw`buy\s+one,?\s+get\s+one`,
  ],
  fr: [
    PERCENT_DOWN,
    String.raw`\d+\s*%\s*(?:de\s+(?:reduction|remise)|offerts?|de\s+moins|sur)`,
    String.raw`\d+(?:[.,]\d+)?\s*€\s+(?:offerts?|de\s+(?:reduction|remise))`,
    String.raw`(?:code\s+)?promo(?:tion)?s?`,
    String.raw`code\s+(?:de\s+)?(?:reduction|remise)`,
    String.raw`reductions?`,
    // Not the handover of a parcel: "remise en main propre", "remise du colis".
    String.raw`remises?(?!\s+(?:en\s+main|en\s+etat|du\s+colis|de\s+(?:votre|ton|la|du)\s+(?:colis|commande|paquet)))`,
    String.raw`rabais`,
    String.raw`soldes|en\s+solde`, // not "solde" alone: a bank balance
    String.raw`livraison\s+(?:offerte|gratuite)`,
    String.raw`offre\s+speciale`,
    String.raw`bon\s+(?:de\s+reduction|d'achat)`,
    String.raw`ventes?\s+privees?`,
  ],
};

const CALL_TO_ACTION: Record<Lang, string[]> = {
  en: [
    String.raw`click\s+(?:here|below|the\s+(?:link|button))`,
    String.raw`tap\s+(?:here|below)`,
    String.raw`(?:shop|buy|order|book|subscribe|sign\s+up|register|join)\s+(?:now|today)`,
    String.raw`shop\s+(?:the|our|my)\s+(?:\p{L}{1,20}\s+)?(?:collection|range|sale)`,
    String.raw`(?:browse|discover|explore)\s+(?:our|my|the\s+new)`,
    String.raw`check\s+out\s+(?:our|my)`,
    String.raw`visit\s+(?:our|my|the)\s+(?:shop|store|website|site|blog)`,
    String.raw`follow\s+(?:us|me)\s+on`,
    String.raw`sign\s+up`,
    String.raw`subscribe`,
    String.raw`(?:leave|write|post)\s+(?:us\s+|me\s+)?a\s+review`,
    String.raw`rate\s+(?:us|your\s+(?:order|purchase))`,
    String.raw`claim\s+your`,
    String.raw`(?:grab|get)\s+yours`,
    String.raw`use\s+(?:the\s+|my\s+)?(?:promo|discount|coupon)\s+code`,
    String.raw`add\s+(?:it\s+)?to\s+(?:your\s+)?(?:cart|basket)`,
    String.raw`complete\s+your\s+(?:order|purchase|checkout)`,
    String.raw`download\s+(?:our|the)\s+app`,
    String.raw`refer\s+a\s+friend`,
  ],
  fr: [
    String.raw`cliquez\s+(?:ici|sur)`,
    String.raw`(?:appuyez|touchez)\s+ici`,
    String.raw`(?:achetez|commandez|reservez)\s+(?:maintenant|des\s+maintenant|des\s+aujourd'hui|ici|en\s+ligne)`,
    String.raw`(?:inscrivez|abonnez)[\s-]vous`,
    String.raw`(?:decouvrez|explorez|parcourez)\s+(?:notre|nos|ma|mes|la\s+nouvelle|les\s+nouveaux|les\s+nouvelles)`,
    String.raw`visitez\s+(?:notre|ma|la)`,
    String.raw`rendez[\s-]vous\s+sur`,
    String.raw`suivez[\s-](?:nous|moi)`,
    String.raw`laissez[\s-](?:nous|moi)?\s*un\s+avis`,
    String.raw`(?:donnez|deposez)\s+(?:votre|un)\s+avis`,
    String.raw`notez[\s-]nous`,
    String.raw`profitez[\s-](?:en|de)`,
    String.raw`utilisez\s+(?:le\s+|mon\s+)?code\s+(?:promo|de\s+reduction|remise)`,
    String.raw`ajoutez(?:-le)?\s+au\s+panier`,
    String.raw`finalisez\s+(?:votre\s+)?(?:commande|achat)`,
    String.raw`telechargez\s+(?:notre|l')\s*app`,
    String.raw`parrainez`,
  ],
};

const REPLY_INVITATION: Record<Lang, string[]> = {
  en: [
    String.raw`repl(?:y|ying)`,
    String.raw`write\s+(?:back|to\s+me)`,
    String.raw`(?:just\s+)?answer\s+(?:this|my)\s+(?:e-?mail|message|text)`,
    String.raw`get\s+back\s+to\s+me`,
    String.raw`drop\s+me\s+a\s+line`,
    String.raw`let\s+me\s+know`,
    String.raw`tell\s+me`,
    String.raw`e-?mail\s+me`,
  ],
  fr: [
    String.raw`repond(?:ez|re|s)(?:-moi)?`,
    String.raw`ecrivez-moi`,
    String.raw`m'ecrire`,
    String.raw`dites-moi`,
    String.raw`faites-moi\s+savoir`,
    String.raw`tenez-moi\s+au\s+courant`,
    String.raw`racontez-moi`,
  ],
};

/** A "do not reply" is the opposite of an invitation. */
const NEGATION_BEFORE = /(?:(?<!\p{L})(?:not|no|never|ne|pas|jamais)|n't)[\s-]*$/iu;

const TROUBLESHOOTING_PROBLEM: Record<Lang, string[]> = {
  en: [
    String.raw`payments?`,
    String.raw`cards?`,
    String.raw`declined|refused`,
    String.raw`banks?`,
    String.raw`timed\s+out|expired`,
    String.raw`3-?d\s+secure`,
    String.raw`error`,
    String.raw`stuck`,
    String.raw`postcode|post\s+code|zip(?:\s+code)?`,
    String.raw`(?:shipping|delivery)\s+costs?`,
  ],
  fr: [
    String.raw`paiement`,
    String.raw`cartes?`,
    String.raw`refusee?s?`,
    String.raw`banques?|bancaires?`,
    String.raw`expiree?s?`,
    String.raw`3-?d\s+secure`,
    String.raw`erreur`,
    String.raw`bloquee?s?`,
    String.raw`code\s+postal`,
    String.raw`frais\s+de\s+(?:port|livraison)`,
  ],
};
const TROUBLESHOOTING_FIX: Record<Lang, string[]> = {
  en: [
    String.raw`try\s+(?:it\s+)?again|retry`,
    String.raw`refresh`,
    String.raw`(?:another|a\s+different)\s+(?:card|browser|device|payment\s+method)`,
    String.raw`(?:open|check)\s+your\s+bank`,
    String.raw`bank(?:'s|ing)?\s+app`,
    String.raw`check\s+(?:that|your)`,
    String.raw`paypal|apple\s+pay|google\s+pay`,
    String.raw`clear\s+(?:your\s+)?(?:cache|cookies)`,
    String.raw`private\s+(?:window|browsing)|incognito`,
  ],
  fr: [
    String.raw`reessaye[zr]`,
    String.raw`actualisez|rafraichissez`,
    String.raw`une?\s+autre\s+(?:carte|navigateur|appareil|moyen\s+de\s+paiement)`,
    String.raw`application\s+(?:de\s+votre\s+banque|bancaire)`,
    String.raw`verifiez`,
    String.raw`paypal|apple\s+pay|google\s+pay`,
    String.raw`videz\s+(?:le\s+)?cache`,
    String.raw`navigation\s+privee`,
  ],
};

const GENERIC_OPENING: Record<Lang, string[]> = {
  en: [
    String.raw`(?:(?:hello|hi|hey)[\s,]+)?dear\s+(?:valued\s+|loyal\s+)?(?:customers?|clients?|shoppers?|friends?|sir(?:\s+or\s+madam)?|madam|sir\s*\/\s*madam)`,
    String.raw`(?:hello|hi|hey|greetings)\s+(?:valued\s+)?(?:customers?|clients?|shoppers?)`,
    String.raw`to\s+whom\s+it\s+may\s+concern`,
  ],
  fr: [
    String.raw`(?:(?:bonjour|bonsoir|salut)\s+)?cher(?:e|\(e\)|·e|\.e)?s?\s+(?:client|cliente|clients|clientes|client\(e\)s?|client·e·?s?|acheteurs?|acheteuses?|ami|amie|amis|amies)`,
    String.raw`madame,?\s*(?:\/\s*)?monsieur`,
    String.raw`monsieur,?\s*(?:\/\s*)?madame`,
    String.raw`bonjour\s+a\s+tous`,
  ],
};

/** The greeting line a discount-first opening is read after: "Hi {{firstName}}," / "Bonjour Camille,". */
const GREETING =
  /^\s*(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|bonjour|bonsoir|salut|coucou|chere?)(?!\p{L})[^\n,!.:]{0,40}[,!.:]?/iu;
const OPENING_LENGTH = 120;
const GENERIC_OPENING_LENGTH = 100;

const LINK = /\{\{\s*(\w*link)\s*(?:\|[^}]*)?\}\}|(?:https?:\/\/|www\.)[^\s<>"'()]+/giu;
const SENTENCE_END = /[.!?…]+(?=\s|$)|\n/gu;
const STOP_KEYWORD = /(?<![\p{L}\p{N}])STOP(?![\p{L}\p{N}])/u;
const TOGETHER = /(?<!\p{L})(?:together|ensemble)(?!\p{L})/iu;

/** Readable alternatives -> one regex, each alternative standing as whole words. */
function words(alternatives: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}_])`, "gimu");
}
function compile(table: Record<Lang, string[]>): Record<Lang, RegExp> {
  return { en: words(table.en), fr: words(table.fr) };
}

const MATCH = {
  weVoice: compile(WE_VOICE),
  pressure: compile(PRESSURE),
  discount: compile(DISCOUNT),
  callToAction: compile(CALL_TO_ACTION),
  replyInvitation: compile(REPLY_INVITATION),
  troubleshootingProblem: compile(TROUBLESHOOTING_PROBLEM),
  troubleshootingFix: compile(TROUBLESHOOTING_FIX),
  genericOpening: compile(GENERIC_OPENING),
};

// ---------------------------------------------------------------------------------------------------
// Reading the text.

/** Accented Latin letters -> their base letter, curly apostrophes -> ', one UTF-16 unit for one. */
const FOLD = new Map<string, string>([
  ["’", "'"],
  ["‘", "'"],
  ["ʼ", "'"],
]);
for (let code = 0xc0; code <= 0x17f; code++) {
  const char = String.fromCharCode(code);
  const base = char.normalize("NFD").charAt(0);
  if (base !== char && /[A-Za-z]/.test(base)) FOLD.set(char, base);
}
const FOLDABLE = /[\u00c0-\u017f‘’ʼ]/g;

/** A text and its folded twin, index for index. */
type Scanned = { original: string; folded: string };
type Found = { index: number; end: number };

function scan(original: string): Scanned {
  return { original, folded: original.replace(FOLDABLE, (char) => FOLD.get(char) ?? char) };
}
function slice(text: Scanned, start: number, end: number): Scanned {
  return { original: text.original.slice(start, end), folded: text.folded.slice(start, end) };
}
function quoteOf(text: Scanned, found: Found): string {
  return text.original.slice(found.index, found.end).trim();
}

function* matches(regex: RegExp, text: Scanned): Generator<Found> {
  for (const match of text.folded.matchAll(regex)) yield { index: match.index, end: match.index + match[0].length };
}
function firstMatch(regex: RegExp, text: Scanned, accept: (found: Found) => boolean = () => true): Found | null {
  for (const found of matches(regex, text)) if (accept(found)) return found;
  return null;
}
/** The first quote found in the parts, in order (subject, preheader, body). */
function firstQuote(regex: RegExp, parts: Scanned[]): string | null {
  for (const part of parts) {
    const found = firstMatch(regex, part);
    if (found) return quoteOf(part, found);
  }
  return null;
}

/** Sentence (or line) boundaries: [start, end) pairs covering the text. */
function sentences(text: string): [number, number][] {
  const bounds: [number, number][] = [];
  let start = 0;
  for (const end of text.matchAll(SENTENCE_END)) {
    const stop = end.index + end[0].length;
    if (text.slice(start, stop).trim()) bounds.push([start, stop]);
    start = stop;
  }
  if (text.slice(start).trim()) bounds.push([start, text.length]);
  return bounds;
}
/** For matches in text order: is the sentence around this one free of `exempt`? Each sentence is read once. */
function sentenceWithout(exempt: RegExp, text: string): (found: Found) => boolean {
  const bounds = sentences(text);
  const verdicts = new Map<number, boolean>();
  let i = 0;
  return (found) => {
    while (i < bounds.length - 1 && bounds[i]![1] <= found.index) i++;
    const bound = bounds[i];
    if (!bound) return true;
    if (!verdicts.has(i)) verdicts.set(i, !exempt.test(text.slice(bound[0], bound[1])));
    return verdicts.get(i)!;
  };
}

// ---------------------------------------------------------------------------------------------------
// The rules. Each returns its quote (a string), null for "something is missing", or undefined for "fine".

type Context = { body: Scanned; heads: Scanned[]; lang: Lang };
type SmsMeasure = { segments: number; units: number; limit: number; nonGsm: string[] };

function genericOpening({ body, lang }: Context): string | undefined {
  const start = body.folded.length - body.folded.trimStart().length;
  return firstQuote(MATCH.genericOpening[lang], [slice(body, start, start + GENERIC_OPENING_LENGTH)]) ?? undefined;
}

function weVoice({ body, heads, lang }: Context): string | undefined {
  // "we'll find another way together": the customer and me, not the company.
  for (const part of [...heads, body]) {
    const found = firstMatch(MATCH.weVoice[lang], part, sentenceWithout(TOGETHER, part.folded));
    if (found) return quoteOf(part, found);
  }
  return undefined;
}

function pressure({ body, heads, lang }: Context): string | undefined {
  return firstQuote(MATCH.pressure[lang], [...heads, body]) ?? undefined;
}

function discountFirst({ body, heads, lang }: Context): string | undefined {
  const afterGreeting = GREETING.exec(body.folded)?.[0].length ?? 0;
  const rest = body.folded.slice(afterGreeting);
  const start = afterGreeting + rest.length - rest.trimStart().length;
  // Finish the word the window cuts through.
  const cut = body.folded.slice(start + OPENING_LENGTH).search(/[^\p{L}\p{N}%]/u);
  const end = cut === -1 ? body.folded.length : start + OPENING_LENGTH + cut;
  return firstQuote(MATCH.discount[lang], [...heads, slice(body, start, end)]) ?? undefined;
}

/** Distinct links, plus asks not attached to a link in their sentence or the next one ("Leave a review:\n{{reviewLink}}"). */
function callsToAction({ body, lang }: Context): string | undefined {
  const parts = sentences(body.folded).map(([start, end]) => ({
    start,
    links: [...matches(LINK, slice(body, start, end))],
    asks: [...matches(MATCH.callToAction[lang], slice(body, start, end))],
  }));
  const actions: { at: number; quote: string; key: string }[] = [];
  parts.forEach((part, i) => {
    for (const link of part.links) {
      const quote = body.original.slice(part.start + link.index, part.start + link.end).replace(/[.,;:!?]+$/, "");
      const key = quote.toLowerCase().replace(/^\{\{\s*(\w+).*$/, "$1");
      if (!actions.some((action) => action.key === key)) actions.push({ at: part.start + link.index, quote, key });
    }
    if (part.links.length || parts[i + 1]?.links.length) return;
    for (const ask of part.asks)
      actions.push({
        at: part.start + ask.index,
        quote: body.original.slice(part.start + ask.index, part.start + ask.end),
        key: `ask:${part.start + ask.index}`,
      });
  });
  if (actions.length <= 1) return undefined;
  return actions
    .sort((a, b) => a.at - b.at)
    .map((action) => action.quote)
    .join(" · ");
}

function noReplyInvitation({ body, lang }: Context): null | undefined {
  const invites = firstMatch(
    MATCH.replyInvitation[lang],
    body,
    (found) => !NEGATION_BEFORE.test(body.folded.slice(Math.max(0, found.index - 12), found.index)),
  );
  return invites ? undefined : null;
}

function noTroubleshooting({ body, lang }: Context): null | undefined {
  const hasProblem = firstMatch(MATCH.troubleshootingProblem[lang], body);
  const hasFix = firstMatch(MATCH.troubleshootingFix[lang], body);
  return hasProblem && hasFix ? undefined : null;
}

/** A tracked link is the app's address, /r/ and a 10-character token. */
const SAMPLE_TOKEN = "x8Kp2Qa9Zt";
const SAMPLE_APP_URL = "https://inbox.maisonlumiere.fr"; // 30 characters, a typical shop address

function measureSms(body: string, lang: Lang, appUrl = SAMPLE_APP_URL): SmsMeasure {
  const link = `${appUrl.replace(/\/$/, "")}/r/${SAMPLE_TOKEN}`;
  const values = { ...SMS_SAMPLE_VALUES[lang], reviewLink: link, checkoutLink: link };
  let text: string;
  try {
    text = renderTemplate(body, values, lang);
  } catch {
    text = fillKnownVariables(body, values); // a variable being typed: measure what is there
  }
  // Measured as it is sent: accents outside GSM-7 are made plain when that saves segments.
  const size = smsSize(smsSize(text).segments <= 1 ? text : toGsm7(text));
  return {
    segments: size.segments,
    units: size.units,
    limit: size.encoding === "GSM-7" ? 160 : 70,
    nonGsm: size.nonGsmCharacters,
  };
}

function smsNoStop({ body }: Context): null | undefined {
  return STOP_KEYWORD.test(body.original) ? undefined : null;
}

// ---------------------------------------------------------------------------------------------------

function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Which rules this text gets: by purpose, channel and template. */
function appliesTo(rule: VoiceRule, input: VoiceCheckInput): boolean {
  if (input.purpose === "reply") return REPLY_HINT_RULES.has(rule);
  switch (rule) {
    case "no_reply_invitation":
      return input.channel === "email"; // an SMS may simply end; replying to a text is natural anyway
    case "no_troubleshooting":
      return input.templateKey === TEMPLATE_KEYS.abandonedHelp;
    case "sms_over_one_segment":
      return input.channel === "sms";
    case "sms_no_stop":
      return input.channel === "sms" && !CONVERSATIONAL_SMS_KEYS.has(input.templateKey ?? "");
    case "fr_elision":
    case "fr_spelling":
    case "fr_agreement":
      return input.locale === "fr";
    default:
      return true;
  }
}

// French mistakes, on the folded text (no accents): a quote, or undefined.
const ELISION = /(?<![\p{L}'])(?:(?:de|le|la|que|ne|je|me|te|se) (?:[aeiouy]|h(?=[aeiouy]))\p{L}*|si ils?(?!\p{L}))/giu;
const ELISION_EXCEPTIONS =
  /^(?:de|le|la|que) (?:un|une|uns|oui|yaourt|yoga|yeux|huit|hui|onze|haut|hibou|hollande|heros|hasard|hall|hamac|harpe|haricot)\b/i;
const SPELLING =
  /(?<!\p{L})(?:vous plait|s'il (?:vous|te) plait|a bientot|a tres vite|a demain|voila|deja)(?!\p{L})/giu;
const AGREEMENT =
  /\{\{\s*productName\s*(?:\|[^}]*)?\}\}\s+(?:a\s+ete|est(?:\s+bien)?|sera|etait|a\s+bien\s+ete)\s+\p{L}+(?:e|es|ee|ees)(?!\p{L})/giu;

function frenchElision({ body }: Context): string | undefined {
  const found = firstMatch(ELISION, body, (f) => !ELISION_EXCEPTIONS.test(body.folded.slice(f.index, f.end)));
  return found ? quoteOf(body, found) : undefined;
}

function frenchSpelling({ body, heads }: Context): string | undefined {
  // Folded, "plaît" and "plait" look alike: keep the quotes whose original lacks the accent.
  for (const part of [...heads, body]) {
    const found = firstMatch(
      SPELLING,
      part,
      (f) => part.original.slice(f.index, f.end) === part.folded.slice(f.index, f.end),
    );
    if (found) return quoteOf(part, found);
  }
  return undefined;
}

function frenchAgreement({ body, heads }: Context): string | undefined {
  return firstQuote(AGREEMENT, [...heads, body]) ?? undefined;
}

const RULE_CHECKS: Record<
  Exclude<VoiceRule, "sms_over_one_segment">,
  (context: Context) => string | null | undefined
> = {
  generic_opening: genericOpening,
  we_voice: weVoice,
  pressure,
  discount_first: discountFirst,
  several_calls_to_action: callsToAction,
  no_reply_invitation: noReplyInvitation,
  no_troubleshooting: noTroubleshooting,
  sms_no_stop: smsNoStop,
  fr_elision: frenchElision,
  fr_spelling: frenchSpelling,
  fr_agreement: frenchAgreement,
};

export function checkVoice(input: VoiceCheckInput): VoiceWarning[] {
  const lang = input.locale;
  const ui = input.uiLocale ?? "en";
  const heads =
    input.channel === "email"
      ? [input.subject, input.preheader].filter((part): part is string => !!part).map(scan)
      : [];
  const context: Context = { body: scan(input.text), heads, lang };
  const examples = EXAMPLES[lang];

  const warnings: VoiceWarning[] = [];
  const warn = (rule: VoiceRule, quote: string | null, values: Record<string, string | number> = {}, extra = "") => {
    const message = MESSAGES[rule][ui];
    warnings.push({
      rule,
      title: message.title,
      quote,
      suggestion: format(message.suggestion, { ...examples, ...values }) + extra,
    });
  };

  for (const rule of VOICE_RULES) {
    if (!appliesTo(rule, input)) continue;
    if (rule === "sms_over_one_segment") {
      const sms = measureSms(input.text, lang, input.appUrl);
      if (sms.segments > 1)
        warn(
          rule,
          sms.nonGsm.length ? sms.nonGsm.join(" ") : null,
          { segments: sms.segments, units: sms.units, limit: sms.limit },
          sms.nonGsm.length ? UNICODE_NOTE[ui] : "",
        );
      continue;
    }
    const quote = RULE_CHECKS[rule](context);
    if (quote !== undefined) warn(rule, quote);
  }
  return warnings;
}
