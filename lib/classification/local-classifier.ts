// A rule-based classifier for short French and English customer replies. Readable on purpose:
// each rule is a list of word stems, and the order of the checks is the policy. Pure.
// Accuracy on the hand-labelled set: `npm run eval:classifier` (figures in the README).
import type { FrictionHint, Intent, Sentiment } from "@/lib/generated/prisma/enums";
import type { Classification } from "@/lib/classification/classification";
import { smsKeyword } from "@/lib/inbound/sms-keywords";

/** Lower case, no accents, common SMS spellings expanded; sentence punctuation kept. */
function normalize(text: string): string {
  const plain = text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/[’`]/g, "'")
    .replace(/\p{Extended_Pictographic}/gu, " ")
    .replace(/[^\p{L}\p{N}'?!.,€$%#\s]/gu, " ")
    .replace(/\s+/g, " ");
  return ` ${plain
    .replace(/\bjai\b/g, "j'ai")
    .replace(/\bc (possible|abuse|qui|nul)\b/g, "c'est $1")
    .replace(/\b(ty|thx|thks)\b/g, "thanks")
    .replace(/\bu\b/g, "you")
    .replace(/\b(wont|dont|doesnt|didnt|hasnt|havent|isnt|cant)\b/g, (w) => `${w.slice(0, -1)}'t`)} `;
}

const any = (text: string, patterns: RegExp[]) => patterns.some((p) => p.test(text));
/** Stems that start at a word boundary. */
const stems = (...list: string[]) => list.map((s) => new RegExp(`(?:^|[\\s'.,!?])${s}`, "u"));

const OPT_OUT = stems(
  "unsubscribe", "desabonn", "desinscri", "opt (me )?out", "optout", "stop all", "stop (sending|texting|emailing|messaging|writing|contacting)", "stop (the |your |these )?(texts|emails|mails|messages|sms|reminders)",
  "no more (texts|emails|mails|messages|sms)", "don't (text|email|message|contact|write to) me", "do not (text|email|message|contact) me", "remove (me|my (number|email|address))", "take me off", "delete my (email|number|address|data|details)",
  "ne (plus )?m'ecri(vez|re) plus", "ne plus (recevoir|m'ecrire)", "ne souhaite plus recevoir", "plus de (sms|mails?|e-?mails|messages|relances)", "arrete[rz]? de m'(ecrire|envoyer|relancer|spammer)", "arrete[rz]? (les|vos|ces) (sms|mails?|messages|relances)",
  "retire[rz]?(-| )?(moi|mon (numero|adresse))", "me retirer de", "supprime[rz]? mon (adresse|numero|email|mail)", "supprimer mon (adresse|numero|email|mail)",
);
// "STOP." or "stop svp" on its own at the start; "stop charging me twice" is not an opt-out.
const STOP_ALONE = /^ (stop|arret)( (svp|stp|please|pls|merci))?[.!]*( |$)(?!(charging|debiting|billing|prelev|debit))/u;

const NOT_FOR_US = stems(
  "out of (the )?office", "automatic reply", "auto-?reply", "away until", "reponse automatique", "message automatique", "absente? (du|jusqu)", "en conges", "conges", "retour de conges",
  "driving", "will reply later", "call you later", "wrong (number|person)", "sorry wrong", "mauvais numero", "erreur de destinataire", "who is this", "who's this", "qui est-ce", "c'est qui", "c'est qui",
);

const PROBLEM = stems(
  "broke", "broken", "crack", "damag", "defect", "faulty", "leak", "smash", "ruin", "bent", "dent", "wet", "missing", "nowhere", "not (in the box|included)", "only \\d+ of", "someone else's", "instead of", "wrong (item|scent|colou?r|size|order|one|product)", "got the wrong",
  "never (arrived|came|received|got)", "not (arrived|received|working|delivered|shipped)", "(hasn't|has not|haven't|have not|didn't|did not|still not|still hasn't) (arrive|receive|come|turn|show|been|updated|work|get)", "still (waiting|says|nothing|no sign)", "where is my (order|parcel|package)", "label created",
  "doesn't (work|light|turn on|switch on)", "won't (work|light|turn on|switch on)", "stopped working", "not work", "flicker", "dead on arrival", "no longer work",
  "refund", "return (it|the|my)", "send (me )?(another|a new|a replacement)", "replacement", "charged (me )?twice", "charging me twice", "double charge", "declined", "rejected", "invalid", "already (been )?redeemed", "error", "problem with", "issue with",
  "late", "lost", "delay", "melt", "arrived open", "opened", "disappoint", "terrible", "awful", "useless", "poor quality", "not happy", "unhappy", "complain", "cancel my order",
  "can't (pay|check ?out|order|complete|finish)", "cannot (pay|check ?out|order|complete|finish)", "couldn't (pay|check ?out|order|complete|finish)", "didn't complete", "gave up", "timed out", "time ?out", "stuck", "failed", "fail",
  "shipping (cost|fee|price|charge)s? (was|were|is|are|only|so|too)", "shipping for (one|a|1)", "\\$\\d+ shipping", "sneaky", "no thanks",
  "casse", "fele", "fissur", "abime", "endommag", "ecrase", "en morceaux", "mouill", "fondu", "arrive ouvert", "ouvert et", "plie", "hs ", "defectu", "fuit", "fuite", "manqu", "il manque", "au lieu d", "pas le bon", "pas la bonne", "pas ce que j'ai commande", "commande de quelqu'un",
  "pas (recu|arrive|marche|fonctionne|livre|expedie)", "jamais (recu|arrive)", "toujours (pas|rien)", "ne marche", "ne fonctionne", "marche (pas|plus)", "fonctionne (pas|plus)", "s'allume (pas|plus)", "ne s'allume", "s'eteint", "trop courte?",
  "erreur", "rembours", "retourner", "renvoye[rz]? (en )?(une|un) autre", "debite (2|deux) fois", "debiter (2|deux) fois", "(2|deux) fois debite", "double (debit|prelevement)", "refusee?", "invalide", "probleme (avec|de|sur)", "souci (avec|de|sur)",
  "retard", "perdu", "decue?s? ", "decevant", "dommage", "nul ", "horrible", "arnaque", "bloque", "expire", "impossible de", "n'arrive pas a", "echoue", "echec", "plainte", "annuler ma commande", "abuse", "pas valide", "abandonne le panier",
  "frais de (port|livraison) (a|de|trop|n'apparaiss|exorbit|tres)", "frais de (port|livraison) .* (cher|abuse|derniere etape)",
);
// "I've never been disappointed" is praise, not a problem.
const PRAISING_NEGATION = stems("jamais decue?", "never disappointed", "pas decue?", "no problem", "pas de (souci|probleme)", "aucun (souci|probleme)", "no issues?");

const QUESTION = [
  /\?/,
  ...stems(
    "(how|when|where|what|which|why|can|could|do|does|is|are|will|would|should|may) (i|you|it|the|they|we|there|this|my)", "any chance", "i was wondering", "i'd like to know", "is it possible", "do you (have|ship|offer|sell|deliver)",
    "est-ce|est ce", "comment (faire|dois|puis|on|utiliser|l'utiliser|allumer)", "je fais comment", "quand", "ou (est|sont|puis)", "quel(le)?s? ", "pourquoi", "combien", "puis-je|puis je", "pouvez-vous|pouvez vous|pourriez", "peut-on|peut on", "avez-vous|avez vous", "vous avez des", "faut-il|faut il|faut la|faut le",
    "je me demandais", "je voulais (juste )?savoir", "je voudrais savoir", "je souhaiterais savoir", "(c'est|est-il|est il) possible", "serait-il possible", "revient quand", "a quelle (heure|longueur|date)",
  ),
];

const PRAISE = stems(
  "love", "lovely", "great", "perfect", "amazing", "awesome", "beautiful", "gorgeous", "wonderful", "fantastic", "excellent", "happy with", "delighted", "thank you so much", "nice", "brilliant", "superb", "best", "pleased", "impressed", "a hit", "so cute", "cute", "stunning", "well packed",
  "smells (amazing|great|lovely|wonderful|divine|so good)", "arrived (safely|perfectly|fine|well|in perfect)", "all good", "very good", "so good", "going strong", "(left|wrote|posted) (you )?a (review|5)", "5 stars", "will (definitely )?order again",
  "merci (beaucoup|mille fois|infiniment)", "super", "genial", "parfait", "adore", "magnifique", "ravie?", "contente?", "sublime", "top", "bravo", "excellent", "tres bien", "tres bon", "tres belle?", "trop bien", "nickel", "impeccable", "divin", "sent (tres |trop )?bon", "au top",
  "j'aime", "bien recu", "bien arrive", "tout va bien", "parfaitement", "merveille", "5 etoiles", "c'est fait", "un plaisir", "avec plaisir", "je recommande", "jamais decue?", "qualite",
  "as happy as", "customer for life", "everything arrived", "thank you", "thanks", "merci", "rien a redire", "tout est (ok|bon|parfait|nickel|bien)", "c'est bon",
);
const PRAISE_EMOJI = /[😍❤️🥰😊🙏✨💕😀😃😄🤩💯🌟⭐🙂😁💖]/u;
const ANGRY_EMOJI = /[😡😠🤬😤👎💔😒🙄😞😢😭]/u;
const ACKNOWLEDGEMENT = /^ (ok|k|okay|oki|noted|will do|d'accord|dac|entendu|ca marche|parfait merci|ok merci|ok thanks|k thanks|thanks|merci|cool)[ .!]*$/u;
const GREETING = stems("happy (holidays|new year|christmas)", "merry christmas", "bonne annee", "bonnes fetes", "joyeux noel", "bonne journee a vous", "have a (good|great|nice) (day|weekend)");

const ANNOYED = [/!!/, ...stems("again\\?", "broken again", "seriously", "ridiculous", "unacceptable", "sneaky", "scam", "worst", "fed up", "3 weeks", "weeks", "no thanks", "abuse", "arnaque", "inadmissible", "inacceptable", "marre", "ras le bol", "ca suffit", "dommage", "decue?s? ", "toujours (pas|rien)", "still (nothing|not|hasn't|no)", "who gave you", "quasiment tous les jours", "almost every day", "already", "deja", "rien commande", "arretez", "stop texting", "stop\\.", "sure, as soon", "thanks a lot", "merci bien", "bravo la poste", "en morceaux", "ruin", "hs ", "where is my")];
const DISTRESS = stems("broke", "crack", "ruin", "wet", "smash", "melt", "stopped working", "doesn't work", "won't", "dead", "charged (me )?twice", "charging me twice", "refund", "casse", "fele", "fissur", "en morceaux", "ecrase", "fondu", "hs ", "s'allume (plus|pas)", "debite", "debiter", "rembours", "disappoint", "decue?s? ", "help me", "aide[rz]?(-| )moi", "plie");
const POLITE_REQUEST = stems("could you", "can you", "would you", "is there anything", "i'd still like", "pourriez", "pouvez-vous", "pouvez vous", "je fais comment", "comment (dois|faire|puis)", "merci d'avance", "merci de (me|bien)", "kindly", "je vous remercie", "cordialement", "je souhaite", "regarder");

const FRICTION: [FrictionHint, RegExp[]][] = [
  ["payment_authentication", stems("3d", "3-d", "3ds", "secure", "bank('s)? (app|popup|screen|confirmation|page)", "banking app", "authenticat", "verification", "verify", "timed out", "time ?out", "code (never|didn't|sms|de confirmation)", "validation (bancaire|de (ma|la) banque)", "appli(cation)? (de )?(ma )?banque", "authentifi", "expire", "popup")],
  ["card_declined", stems("declined", "card (was )?(refused|rejected)", "refusee?", "carte (a ete )?refus", "zip", "postcode", "post code", "postal code", "code postal", "billing (address|zip)", "adresse de facturation")],
  ["shipping_cost", stems("shipping (cost|fee|price|charge)", "\\$\\d+ shipping", "shipping for", "delivery (cost|fee|charge)", "postage", "frais de (port|livraison)", "livraison (chere|coute)", "cout de (la )?livraison")],
  ["delivery", stems("arriv", "parcel", "package", "deliver", "tracking", "courier", "box", "colis", "livr", "transporteur", "suivi", "la poste", "colissimo", "retard", "late", "lost", "perdu", "smash", "ecrase", "wet", "mouill", "someone else's", "where is my order")],
  ["product_confusion", stems("size", "smaller", "bigger", "which (one|size|scent)", "how (do|to) (i )?(use|light|clean)", "instructions", "taille", "plus petite?", "quelle (taille|odeur)", "comment (l'utiliser|utiliser|allumer)", "mode d'emploi", "not what i expected", "pas ce que j'attendais", "imaginais", "wrong (scent|colou?r|size)", "coloris", "couleur", "instead of", "au lieu d")],
];

function intentOf(text: string, raw: string): Intent {
  if (smsKeyword(raw) === "opt_out" || STOP_ALONE.test(text) || any(text, OPT_OUT)) return "opt_out";
  if (any(text, NOT_FOR_US)) return "other";
  if (any(text, PROBLEM) && !(any(text, PRAISING_NEGATION) && !/ mais | but /.test(text))) return "problem";
  if (any(text, QUESTION)) return "question";
  if (ACKNOWLEDGEMENT.test(text)) return "other";
  if (any(text, PRAISE) || PRAISE_EMOJI.test(raw)) return "praise";
  return "other";
}

function sentimentOf(intent: Intent, text: string, raw: string): Sentiment {
  const annoyed = any(text, ANNOYED) || ANGRY_EMOJI.test(raw) || (raw.length > 12 && raw === raw.toUpperCase() && /[A-Z]{4}/.test(raw));
  const warm = (any(text, PRAISE) && !/^ merci|merci$/.test(text.trim())) || PRAISE_EMOJI.test(raw);
  switch (intent) {
    case "problem":
      // Damage, money taken or a dead product upsets; a factual mix-up, politely reported, does not.
      return annoyed || (any(text, DISTRESS) && !any(text, POLITE_REQUEST)) ? "negative" : "neutral";
    case "opt_out":
      return annoyed ? "negative" : "neutral";
    case "question":
      return annoyed ? "negative" : warm && /(adore|super|trop bien|j'aime|guette|🙂|😍|🥰)/u.test(`${text}${raw}`) ? "positive" : "neutral";
    case "praise":
      return "positive";
    case "other":
      return any(text, GREETING) ? "positive" : "neutral";
  }
}

export function classifyLocally(raw: string): Classification {
  const text = normalize(raw);
  const intent = intentOf(text, raw);
  const frictionHint = intent === "problem" ? (FRICTION.find(([, patterns]) => any(text, patterns))?.[0] ?? "other") : null;
  return { intent, sentiment: sentimentOf(intent, text, raw), frictionHint, source: "local" };
}
