// Which {{variables}} each template can use: only those its step fills when it is sent. A
// checkout link exists before a purchase, a review link and an order number after delivery. Pure.
import { TEMPLATE_VARIABLES, type TemplateVariable } from "@/lib/templates/render-template";
import { CANNED_REPLY_PREFIX, TEMPLATE_KEYS } from "@/lib/templates/default-templates";

const PERSON: readonly TemplateVariable[] = ["firstName", "shopName", "founderName"];
// lib/outbound/compose-message.ts: the abandoned checkout's link (no order yet, nothing to review).
const CHECKOUT: readonly TemplateVariable[] = [...PERSON, "productName", "checkoutLink"];
// After delivery: the order and a review link; the checkout is long gone.
const AFTER_DELIVERY: readonly TemplateVariable[] = [...PERSON, "productName", "orderNumber", "reviewLink"];
// lib/templates/render-auto-reply.ts fills only the person and the shop.
const AUTO_REPLY: readonly TemplateVariable[] = PERSON;
// lib/inbox/send-staff-reply.ts fills a canned reply from the customer's latest order.
const CANNED_REPLY: readonly TemplateVariable[] = [...PERSON, "productName", "orderNumber", "reviewLink"];

const BY_KEY: Record<string, readonly TemplateVariable[]> = {
  [TEMPLATE_KEYS.abandonedHelp]: CHECKOUT,
  [TEMPLATE_KEYS.highValueCartSms]: CHECKOUT,
  [TEMPLATE_KEYS.checkIn]: AFTER_DELIVERY,
  [TEMPLATE_KEYS.reviewRequest]: AFTER_DELIVERY,
  [TEMPLATE_KEYS.reviewRequestCheckIn]: AFTER_DELIVERY,
  [TEMPLATE_KEYS.lastReminder]: AFTER_DELIVERY,
  [TEMPLATE_KEYS.smsReviewRequest]: AFTER_DELIVERY,
  [TEMPLATE_KEYS.reviewLinkRequest]: AFTER_DELIVERY,
  [TEMPLATE_KEYS.autoReviewLink]: AFTER_DELIVERY,
  [TEMPLATE_KEYS.helpReply]: AUTO_REPLY,
  [TEMPLATE_KEYS.optOutConfirmation]: AUTO_REPLY,
};

/** The variables a template's step provides, in the editor's order. */
export function variablesForTemplate(key: string): TemplateVariable[] {
  const allowed = key.startsWith(CANNED_REPLY_PREFIX) ? CANNED_REPLY : (BY_KEY[key] ?? TEMPLATE_VARIABLES);
  return TEMPLATE_VARIABLES.filter((name) => allowed.includes(name));
}

/** Known variables this template's step does not provide, in order of first use. */
export function variablesNotProvided(text: string | null | undefined, key: string): TemplateVariable[] {
  if (!text) return [];
  const allowed = variablesForTemplate(key);
  const used = [...text.matchAll(/\{\{\s*([A-Za-z_]+)\s*(?:\|[^}]*)?\}\}/g)].map(
    (match) => match[1] as TemplateVariable,
  );
  return [
    ...new Set(
      used.filter((name) => (TEMPLATE_VARIABLES as readonly string[]).includes(name) && !allowed.includes(name)),
    ),
  ];
}
