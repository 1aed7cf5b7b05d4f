// What simulated customers write back, in French and English, as real customers do: short SMS,
// slightly longer emails, the checkout troubles the help email asks about. Pure data.
import type { Locale } from "@/lib/generated/prisma/enums";

export type ReplyKind = "praise" | "question" | "problem";
export type CheckoutReason = "three_d_secure" | "card_declined" | "shipping_question" | "none";

type Texts<K extends string> = Record<K, Record<Locale, readonly string[]>>;

/** Answers to the SMS review request ({product} is the product's name). */
export const SMS_REPLIES: Texts<ReplyKind> = {
  praise: {
    fr: [
      "Super contente de la {product} ! Merci",
      "Magnifique, elle est parfaite dans le salon",
      "Reçue hier, je l'adore 😍",
      "Merci beaucoup, très belle qualité",
      "Top, bien arrivée et très bien emballée",
    ],
    en: [
      "Love the {product}, thank you!",
      "Arrived safely, it's beautiful",
      "Perfect, looks great on the shelf",
      "Thanks so much, really pleased with it",
      "Gorgeous, well packed too",
    ],
  },
  question: {
    fr: [
      "Est-ce qu'elle passe au lave-vaisselle ?",
      "Quelle ampoule faut-il pour la lampe ?",
      "Vous avez la même en bleu ?",
      "Combien de temps pour une deuxième commande ?",
    ],
    en: [
      "Is it dishwasher safe?",
      "Which bulb does the lamp take?",
      "Do you have the same one in blue?",
      "Can I order a second one in white?",
    ],
  },
  problem: {
    fr: [
      "Le colis est arrivé abîmé, la {product} est fêlée",
      "Elle ne s'allume pas, pourtant l'ampoule est neuve",
      "Il manque le pied dans le carton",
      "Toujours pas reçu ma commande",
    ],
    en: [
      "The {product} arrived cracked",
      "It doesn't turn on, bulb is new",
      "The base is missing from the box",
      "Still waiting for my parcel, tracking says nothing",
    ],
  },
};

/** Answers to a post-delivery email (day 1 check-in, day 5 or day 14). */
export const EMAIL_REPLIES: Texts<ReplyKind> = {
  praise: {
    fr: [
      "Bonjour,\n\nTout est parfait, la {product} est magnifique. Merci pour le petit mot dans le colis !\n\n{firstName}",
      "Bonjour Léa,\n\nBien reçue, je suis ravie. Elle a trouvé sa place sur la table de l'entrée.\n\nBelle journée,\n{firstName}",
    ],
    en: [
      "Hi,\n\nEverything arrived perfectly, the {product} is beautiful. Thank you for the handwritten note!\n\n{firstName}",
      "Hello Léa,\n\nReally pleased with it, it looks lovely in the hallway.\n\nBest,\n{firstName}",
    ],
  },
  question: {
    fr: [
      "Bonjour,\n\nComment faut-il nettoyer la céramique ? Elle passe au lave-vaisselle ?\n\nMerci,\n{firstName}",
      "Bonjour,\n\nEst-ce que vous faites des bons cadeaux ? J'aimerais en offrir une.\n\n{firstName}",
    ],
    en: [
      "Hello,\n\nHow should I clean the ceramic? Is it dishwasher safe?\n\nThanks,\n{firstName}",
      "Hi,\n\nDo you offer gift cards? I'd like to give one to my sister.\n\n{firstName}",
    ],
  },
  problem: {
    fr: [
      "Bonjour,\n\nLa {product} est arrivée cassée, le carton était écrasé. Pouvez-vous m'en renvoyer une autre ?\n\n{firstName}",
      "Bonjour,\n\nLa lampe ne fonctionne pas, j'ai essayé deux ampoules.\n\n{firstName}",
    ],
    en: [
      "Hi,\n\nThe {product} arrived broken, the box was crushed. Could you send a replacement?\n\n{firstName}",
      "Hello,\n\nThe lamp doesn't work, I tried two different bulbs.\n\n{firstName}",
    ],
  },
};

/** Answers to the abandoned-checkout help email, by the reason the checkout stopped. */
export const HELP_REPLIES: Texts<CheckoutReason> = {
  three_d_secure: {
    fr: [
      "Bonjour,\n\nOui, la page de ma banque expire avant que je reçoive le code. J'ai essayé deux fois.\n\n{firstName}",
      "Bonjour Léa,\n\nLe paiement a expiré pendant la validation avec ma banque, l'application ne s'ouvrait pas.\n\n{firstName}",
      "Bonjour,\n\nJe suis bloquée à l'étape 3D Secure, le code de confirmation n'arrive jamais.\n\n{firstName}",
    ],
    en: [
      "Hi,\n\nYes, the 3D Secure page timed out before my bank app showed the request. Tried twice.\n\n{firstName}",
      "Hello,\n\nMy bank's verification popup expired while I was looking for my phone.\n\n{firstName}",
    ],
  },
  card_declined: {
    fr: [
      "Bonjour,\n\nMa carte a été refusée, je pense que c'est le code postal de facturation qui ne correspond pas.\n\n{firstName}",
      "Bonjour,\n\nLa carte est refusée alors qu'elle marche ailleurs.\n\n{firstName}",
    ],
    en: [
      "Hi,\n\nMy card was declined, I think the billing ZIP didn't match my new address.\n\n{firstName}",
      "Hello,\n\nThe card was rejected even though it works everywhere else.\n\n{firstName}",
    ],
  },
  shipping_question: {
    fr: [
      "Bonjour,\n\nCombien coûtent les frais de port pour la Belgique ? Je ne les voyais qu'à la dernière étape.\n\n{firstName}",
      "Bonjour,\n\nLes frais de port sont trop chers pour une seule bougie, dommage.\n\n{firstName}",
    ],
    en: [
      "Hi,\n\nHow much is shipping to Ireland? I only saw it at the last step.\n\n{firstName}",
      "Hello,\n\nShipping for one candle was more than I expected, so I stopped there.\n\n{firstName}",
    ],
  },
  none: {
    fr: [
      "Bonjour,\n\nJe réfléchis encore, je reviendrai sûrement la semaine prochaine.\n\n{firstName}",
      "Bonjour,\n\nJ'attends ma paie pour commander, à bientôt.\n\n{firstName}",
    ],
    en: [
      "Hi,\n\nStill thinking about it, I'll probably come back next week.\n\n{firstName}",
      "Hello,\n\nWaiting for payday, I'll order then.\n\n{firstName}",
    ],
  },
};

/** The opt-out keyword each language uses (both are handled as keywords by the app). */
export const STOP_WORD: Record<Locale, readonly string[]> = {
  fr: ["STOP", "ARRET", "Stop"],
  en: ["STOP", "Stop", "STOP"],
};

export function fillReply(text: string, values: { firstName: string; product: string }): string {
  return text.replaceAll("{firstName}", values.firstName).replaceAll("{product}", values.product);
}
