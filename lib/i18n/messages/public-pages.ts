// The pages customers open from our messages (/u unsubscribe, /r review links): in the
// customer's language, not a staff user's.
import { defineMessages } from "@/lib/i18n/translate";

export const publicPageMessages = defineMessages({
  en: {
    thisShop: "this shop",
    confirmTitle: "Unsubscribe from {shop} emails?",
    confirmBody: "You will get no more emails from {shop} about your orders and reviews.",
    confirmButton: "Unsubscribe",
    doneTitle: "You are unsubscribed",
    doneBody: "{shop} will not email you again.",
    invalidTitle: "This link is not valid",
    invalidBody:
      "It may have been copied incompletely. Reply to any of our emails and we will unsubscribe you by hand.",
    invalidTrackedLink: "This link is not valid.",
  },
  fr: {
    thisShop: "cette boutique",
    confirmTitle: "Vous désabonner des e-mails de {shop} ?",
    confirmBody: "Vous ne recevrez plus d'e-mails de {shop} au sujet de vos commandes et de vos avis.",
    confirmButton: "Me désabonner",
    doneTitle: "Votre désabonnement est confirmé",
    doneBody: "{shop} ne vous enverra plus d'e-mails.",
    invalidTitle: "Ce lien n'est pas valide",
    invalidBody:
      "Il a peut-être été copié de façon incomplète. Répondez à l'un de nos e-mails et nous vous désabonnerons nous-mêmes.",
    invalidTrackedLink: "Ce lien n'est pas valide.",
  },
});
