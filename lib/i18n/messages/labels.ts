import { defineMessages } from "@/lib/i18n/translate";

// Labels for the codes stored in the database (priorities, flow steps, built-in friction
// categories), shared by the inbox, the Outbox and the reports so a code is never shown raw.
export const labelMessages = defineMessages({
  en: {
    priority_low: "low priority",
    priority_normal: "normal priority",
    priority_high: "high priority",
    priority_urgent: "urgent",
    step_help: "help email",
    step_day1: "day 1 check-in",
    step_day5: "day 5 review request",
    step_day14: "day 14 reminder",
    step_review: "review request",
    step_review_link: "review link",
    step_sms: "SMS",
    frictionCategory_payment_authentication: "Payment authentication (3-D Secure)",
    frictionCategory_card_declined: "Card declined",
    frictionCategory_shipping_cost: "Shipping cost",
    frictionCategory_delivery: "Delivery",
    frictionCategory_product_confusion: "Product confusion",
  },
  fr: {
    priority_low: "priorité basse",
    priority_normal: "priorité normale",
    priority_high: "priorité haute",
    priority_urgent: "urgente",
    step_help: "e-mail d'aide",
    step_day1: "nouvelles au jour 1",
    step_day5: "demande d'avis au jour 5",
    step_day14: "rappel au jour 14",
    step_review: "demande d'avis",
    step_review_link: "lien d'avis",
    step_sms: "SMS",
    frictionCategory_payment_authentication: "Authentification du paiement (3-D Secure)",
    frictionCategory_card_declined: "Carte refusée",
    frictionCategory_shipping_cost: "Frais de port",
    frictionCategory_delivery: "Livraison",
    frictionCategory_product_confusion: "Produit mal compris",
  },
});

export type LabelKey = keyof typeof labelMessages.en;
