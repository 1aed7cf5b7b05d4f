// The founder-voice texts every shop starts with, approved so the flows can send from day one.
// First person, help first, one link at most, always an invitation to reply. The founder
// rewrites them in the template editor; these are a starting point, not a house style.
import type { Channel, Locale, TemplateKind } from "@/lib/generated/prisma/enums";

export type DefaultTemplate = {
  key: string;
  kind: TemplateKind;
  channel: Channel;
  locale: Locale;
  name: string;
  subject?: string;
  preheader?: string;
  body: string;
};

export const TEMPLATE_KEYS = {
  abandonedHelp: "abandoned_checkout",
  checkIn: "post_delivery_day1",
  reviewRequest: "post_delivery_day5",
  /** The day-5 email when the SMS is the review request and Settings say to keep the email. */
  reviewRequestCheckIn: "post_delivery_day5_check_in",
  highValueCartSms: "high_value_cart_sms",
  lastReminder: "post_delivery_day14",
  smsReviewRequest: "sms_review_request",
  autoReviewLink: "auto_review_link",
  reviewLinkRequest: "review_link_request",
  helpReply: "auto_help_reply",
  optOutConfirmation: "auto_opt_out_confirmation",
} as const;

/**
 * Keys of replies a person sends (saved replies, lib/saved-replies): the variables and voice
 * hints of a reply, not of an automatic message, apply to them.
 */
export const CANNED_REPLY_PREFIX = "canned:";

export const DEFAULT_TEMPLATES: DefaultTemplate[] = [
  {
    key: TEMPLATE_KEYS.abandonedHelp,
    kind: "flow_step",
    channel: "email",
    locale: "en",
    name: "Abandoned checkout: help email",
    subject: "Did something go wrong with your order?",
    preheader: "A payment that timed out, a card declined, a shipping cost that surprised you? Here is what helps.",
    body: `Hi {{firstName}},

I'm {{founderName}}, I run {{shopName}}. I noticed you had started your order but didn't get to the end, and I wanted to make sure nothing went wrong on our side.

If you got stuck, this is what usually helps:
- Payment timed out? Your bank's confirmation step can expire. Open your bank app first, then try again.
- Card declined? Check that the billing ZIP or postcode matches, exactly, the one your bank has.
- The shipping cost surprised you? It covers tracked delivery and careful packing, and it is shown before you pay. Tell me where you are and I'll tell you the cheapest way to get it to you.
- Still stuck? Just reply to this email. I read every reply and I'll help you personally.

Your basket is still here: {{checkoutLink}}`,
  },
  {
    key: TEMPLATE_KEYS.abandonedHelp,
    kind: "flow_step",
    channel: "email",
    locale: "fr",
    name: "Panier abandonné : e-mail d'aide",
    subject: "Un souci avec votre commande ?",
    preheader: "Un paiement qui a expiré, une carte refusée, des frais de port inattendus ? Voici ce qui aide.",
    body: `Bonjour {{firstName}},

Je suis {{founderName}}, je m'occupe de {{shopName}}. J'ai vu que votre commande avait été commencée sans aller jusqu'au bout, et je voulais vérifier que rien n'avait coincé de notre côté.

Si quelque chose vous a bloqué, voici ce qui aide en général :
- Le paiement a expiré ? La validation de votre banque a un délai. Ouvrez d'abord l'application de votre banque, puis réessayez.
- Carte refusée ? Vérifiez que le code postal de facturation est exactement celui que connaît votre banque.
- Les frais de port vous ont surpris ? Ils couvrent une livraison suivie et un emballage soigné, et ils sont affichés avant le paiement. Dites-moi où vous habitez et je vous indique la façon la moins chère de vous faire livrer.
- Ça bloque toujours ? Répondez simplement à cet e-mail. Je lis toutes les réponses et je vous aide personnellement.

Votre panier vous attend ici : {{checkoutLink}}`,
  },
  {
    key: TEMPLATE_KEYS.checkIn,
    kind: "flow_step",
    channel: "email",
    locale: "en",
    name: "After delivery, day 1: personal check-in",
    subject: "Did your {{productName}} arrive safely?",
    preheader: "A quick check from me, and two tips.",
    body: `Hi {{firstName}},

It's {{founderName}} from {{shopName}}. Your {{productName}} was delivered yesterday, and I wanted to check that everything arrived in one piece.

Two tips for the first days:
- Keep the box and packing for a week or two: if anything needs to come back, it travels safely in them.
- If something is damaged, a quick photo in your reply lets me sort it out in minutes, with no back and forth.

If anything isn't right (a damaged parcel, a missing item, something that doesn't work as you expected), just reply to this email and tell me. I'll sort it out myself, quickly.

Thank you for ordering from us.`,
  },
  {
    key: TEMPLATE_KEYS.checkIn,
    kind: "flow_step",
    channel: "email",
    locale: "fr",
    name: "Après livraison, jour 1 : prise de nouvelles",
    subject: "Votre commande est bien arrivée ?",
    preheader: "Un petit mot de ma part, et deux conseils.",
    body: `Bonjour {{firstName}},

C'est {{founderName}}, de {{shopName}}. Votre commande a été livrée hier et je voulais m'assurer que tout est arrivé en bon état.

Deux conseils pour les premiers jours :
- Gardez le carton et l'emballage une semaine ou deux : si quelque chose doit revenir, il voyagera à l'abri.
- Si quelque chose est abîmé, une photo dans votre réponse me permet de régler ça en quelques minutes, sans aller-retour.

Si quelque chose ne va pas (colis abîmé, article manquant, un produit qui ne fait pas ce que vous attendiez), répondez simplement à cet e-mail. Je m'en occupe moi-même, rapidement.

Merci d'avoir commandé chez nous.`,
  },
  {
    key: TEMPLATE_KEYS.reviewRequest,
    kind: "flow_step",
    channel: "email",
    locale: "en",
    name: "After delivery, day 5: review request",
    subject: "How are you getting on with your {{productName}}?",
    preheader: "Your honest opinion helps other customers, and me.",
    body: `Hi {{firstName}},

{{founderName}} again. You've had your {{productName}} for a few days now. I'd really like to know what you think, good or bad.

If you have a minute, an honest review helps other people decide, and tells me what to improve: {{reviewLink}}

And if something isn't right, reply to this email instead; I'd rather fix it.`,
  },
  {
    key: TEMPLATE_KEYS.reviewRequest,
    kind: "flow_step",
    channel: "email",
    locale: "fr",
    name: "Après livraison, jour 5 : demande d'avis",
    subject: "Que pensez-vous de votre {{productName}} ?",
    preheader: "Votre avis sincère aide les autres clients, et moi aussi.",
    body: `Bonjour {{firstName}},

C'est encore {{founderName}}. Votre commande est chez vous depuis quelques jours : j'aimerais beaucoup savoir ce que vous pensez de votre {{productName}}, en bien comme en moins bien.

Si vous avez une minute, un avis sincère aide d'autres personnes à choisir et me dit quoi améliorer : {{reviewLink}}

Et si quelque chose ne va pas, répondez plutôt à cet e-mail : je préfère arranger les choses.`,
  },
  {
    key: TEMPLATE_KEYS.lastReminder,
    kind: "flow_step",
    channel: "email",
    locale: "en",
    name: "After delivery, day 14: last reminder",
    subject: "One last note about your {{productName}}",
    preheader: "No more emails about it after this one.",
    body: `Hi {{firstName}},

This is my last note about your order, I promise. If you have a moment to say how the {{productName}} is doing, your review would mean a lot to a small shop like ours: {{reviewLink}}

Either way, thank you. And if you ever need anything, just reply; it comes straight to me.`,
  },
  {
    key: TEMPLATE_KEYS.lastReminder,
    kind: "flow_step",
    channel: "email",
    locale: "fr",
    name: "Après livraison, jour 14 : dernier rappel",
    subject: "Un dernier mot sur votre {{productName}}",
    preheader: "Plus d'e-mail à ce sujet après celui-ci.",
    body: `Bonjour {{firstName}},

C'est mon dernier message au sujet de votre commande, promis. Si vous avez un instant pour dire comment se porte votre {{productName}}, votre avis compterait beaucoup pour une petite boutique comme la nôtre : {{reviewLink}}

Dans tous les cas, merci. Et si vous avez besoin de quoi que ce soit, répondez simplement : ça arrive directement chez moi.`,
  },
  {
    key: TEMPLATE_KEYS.smsReviewRequest,
    kind: "flow_step",
    channel: "sms",
    locale: "en",
    name: "SMS review request",
    body: "{{firstName}}, it's {{founderName}} from {{shopName}}. How's your {{productName}}? A review would help me: {{reviewLink}} STOP to opt out",
  },
  {
    key: TEMPLATE_KEYS.smsReviewRequest,
    kind: "flow_step",
    channel: "sms",
    locale: "fr",
    name: "SMS de demande d'avis",
    body: "{{firstName}}, ici {{founderName}} de {{shopName}}. Que pensez-vous de votre {{productName}} ? Un avis m'aiderait : {{reviewLink}} STOP SMS",
  },
  {
    key: TEMPLATE_KEYS.autoReviewLink,
    kind: "auto_reply",
    channel: "sms",
    locale: "en",
    name: "Automatic reply to a happy text: review link",
    body: "That made my day, thank you {{firstName}}! If you have a moment, here is where to say it: {{reviewLink}}",
  },
  {
    key: TEMPLATE_KEYS.autoReviewLink,
    kind: "auto_reply",
    channel: "sms",
    locale: "fr",
    name: "Réponse automatique à un SMS content : lien d'avis",
    body: "Merci {{firstName}}, cela me fait vraiment plaisir ! Si vous avez un instant, c'est ici : {{reviewLink}}",
  },
  {
    key: TEMPLATE_KEYS.autoReviewLink,
    kind: "auto_reply",
    channel: "email",
    locale: "en",
    name: "Automatic reply to a happy email: thank-you and review link",
    subject: "Thank you, {{firstName}}",
    body: `Hi {{firstName}},

Thank you for taking the time to write; it means a lot to me.

If you'd like to share it with other customers, a review helps us enormously: {{reviewLink}}

And if anything ever goes wrong, just reply here.`,
  },
  {
    key: TEMPLATE_KEYS.autoReviewLink,
    kind: "auto_reply",
    channel: "email",
    locale: "fr",
    name: "Réponse automatique à un e-mail content : merci et lien d'avis",
    subject: "Merci {{firstName}}",
    body: `Bonjour {{firstName}},

Merci d'avoir pris le temps de m'écrire, ça me touche beaucoup.

Si vous voulez le partager avec d'autres clients, un avis nous aide énormément : {{reviewLink}}

Et si un jour quelque chose ne va pas, répondez simplement ici.`,
  },
  {
    key: TEMPLATE_KEYS.reviewLinkRequest,
    kind: "flow_step",
    channel: "email",
    locale: "en",
    name: "Review link sent from the inbox",
    subject: "A small favour, {{firstName}}?",
    body: `Hi {{firstName}},

It's {{founderName}} from {{shopName}}. If you have a minute, a few words about your {{productName}} would help me more than you'd think: {{reviewLink}}

And if anything isn't right, just reply to this email and I'll sort it out.`,
  },
  {
    key: TEMPLATE_KEYS.reviewLinkRequest,
    kind: "flow_step",
    channel: "email",
    locale: "fr",
    name: "Lien d'avis envoyé depuis la boîte de réception",
    subject: "Un petit service, {{firstName}} ?",
    body: `Bonjour {{firstName}},

C'est {{founderName}}, de {{shopName}}. Si vous avez une minute, quelques mots sur votre {{productName}} m'aideraient plus que vous ne le pensez : {{reviewLink}}

Et si quelque chose ne va pas, répondez simplement à cet e-mail, je m'en occupe.`,
  },
  {
    key: TEMPLATE_KEYS.reviewLinkRequest,
    kind: "flow_step",
    channel: "sms",
    locale: "en",
    name: "Review link by SMS, sent from the inbox",
    body: "{{firstName}}, it's {{founderName}} from {{shopName}}. A few words on your {{productName}} would help me: {{reviewLink}} STOP to opt out",
  },
  {
    key: TEMPLATE_KEYS.reviewLinkRequest,
    kind: "flow_step",
    channel: "sms",
    locale: "fr",
    name: "Lien d'avis par SMS, envoyé depuis la boîte de réception",
    body: "{{firstName}}, ici {{founderName}} de {{shopName}}. Un avis sur votre {{productName}} m'aiderait : {{reviewLink}} STOP SMS",
  },
  {
    key: TEMPLATE_KEYS.reviewRequestCheckIn,
    kind: "flow_step",
    channel: "email",
    locale: "en",
    name: "After delivery, day 5, when the SMS asks for the review: check-in",
    subject: "How are you getting on with your {{productName}}?",
    preheader: "Just checking in: anything I can help with?",
    body: `Hi {{firstName}},

{{founderName}} again. You've had your {{productName}} for a few days now, and I wanted to make sure it's everything you hoped for.

If something isn't right, or you're not sure how to get the best out of it, just reply to this email. It comes straight to me and I'll help.`,
  },
  {
    key: TEMPLATE_KEYS.reviewRequestCheckIn,
    kind: "flow_step",
    channel: "email",
    locale: "fr",
    name: "Après livraison, jour 5, quand le SMS demande l'avis : prise de nouvelles",
    subject: "Que pensez-vous de votre {{productName}} ?",
    preheader: "Des nouvelles de votre commande : je peux vous aider ?",
    body: `Bonjour {{firstName}},

C'est encore {{founderName}}. Votre commande est chez vous depuis quelques jours, et je voulais m'assurer que votre {{productName}} tient ses promesses.

Si quelque chose ne va pas, ou si vous voulez un conseil pour en profiter au mieux, répondez simplement à cet e-mail. Il arrive directement chez moi et je vous aide.`,
  },
  {
    key: TEMPLATE_KEYS.highValueCartSms,
    kind: "flow_step",
    channel: "sms",
    locale: "en",
    name: "High-value cart: SMS the next day",
    body: "{{firstName}}, it's {{founderName}} from {{shopName}}. Trouble paying? Reply, I'll help. Basket: {{checkoutLink}} STOP to opt out",
  },
  {
    key: TEMPLATE_KEYS.highValueCartSms,
    kind: "flow_step",
    channel: "sms",
    locale: "fr",
    name: "Panier important : SMS le lendemain",
    body: "{{firstName}}, ici {{founderName}} de {{shopName}}. Un souci au paiement ? Répondez, je vous aide. Panier : {{checkoutLink}} STOP SMS",
  },
  {
    key: TEMPLATE_KEYS.helpReply,
    kind: "auto_reply",
    channel: "sms",
    locale: "en",
    name: "Automatic answer to HELP by SMS",
    body: "{{shopName}}: your texts reach {{founderName}} directly. Reply STOP to opt out.",
  },
  {
    key: TEMPLATE_KEYS.helpReply,
    kind: "auto_reply",
    channel: "sms",
    locale: "fr",
    name: "Réponse automatique à AIDE par SMS",
    body: "{{shopName}} : vos SMS arrivent directement chez {{founderName}}. STOP SMS pour ne plus en recevoir.",
  },
  {
    key: TEMPLATE_KEYS.optOutConfirmation,
    kind: "auto_reply",
    channel: "sms",
    locale: "en",
    name: "Opt-out confirmation by SMS",
    body: "You will get no more texts from {{shopName}}.",
  },
  {
    key: TEMPLATE_KEYS.optOutConfirmation,
    kind: "auto_reply",
    channel: "sms",
    locale: "fr",
    name: "Confirmation de désinscription par SMS",
    body: "Vous ne recevrez plus de SMS de {{shopName}}.",
  },
];
