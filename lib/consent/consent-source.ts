// Who or what changed a customer's consent: stored on each ConsentEvent, read by the consent
// history and by the rules on who may lift an opt-out (lib/consent/email-consent.ts).
export const CONSENT_SOURCES = [
  // Email
  "unsubscribe_link",
  "email_reply",
  "postmark_bounce",
  "postmark_subscription_change",
  "postmark_spam_complaint",
  // SMS
  "shopify_checkout",
  "events_api",
  "sms_keyword",
  "sms_reply",
  "twilio_21610",
  // Either
  "agent",
] as const;

/** A Shopify customer's own SMS consent names where Shopify collected it ("shopify_customer_web"). */
export type ConsentSource = (typeof CONSENT_SOURCES)[number] | `shopify_customer_${string}`;
