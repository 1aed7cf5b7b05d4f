import type { Channel } from "@/lib/channels/channels";
import "server-only";
import { randomUUID } from "node:crypto";
import { formatInTimeZone } from "date-fns-tz";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { markFriction } from "@/lib/friction/mark-friction";
import type { Locale } from "@/lib/generated/prisma/enums";
import { sendStaffReply } from "@/lib/inbox/send-staff-reply";
import { assignConversation, changeConversationStatus } from "@/lib/inbox/update-conversation";
import { followTrackedLink } from "@/lib/links/follow-tracked-link";
import { dispatchDueMessages } from "@/lib/jobs/dispatch-due-messages";
import { recordingInOutbox } from "@/lib/delivery/providers/transport";
import { deliverOutboxMessages } from "@/lib/outbox/deliver-outbox";
import { replyAsCustomer } from "@/lib/outbox/reply-as-customer";
import { applyShopEvent } from "@/lib/shop-events/apply-shop-event";
import type { LineItemDetails, ShopEvent } from "@/lib/shop-events/shop-event";
import { createRng, draw } from "@/tools/simulator/random";
import { CUSTOMER_NAMES } from "@/tools/simulator/shop-scenario";
import { processWebhookOnce } from "@/lib/webhooks/process-webhook-once";

// The demo shop's last weeks, played through the real flows on a simulated clock: checkouts,
// orders and deliveries go in as shop events, the dispatcher sends what falls due (into the
// Outbox, never to a real customer), customers open links, review, reply and text STOP through
// the inbound path, agents answer and close. So the inbox, the sidebars, the sequences and both
// reports tell the same story, with trends. The same seed gives the same story.

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const SHOP_ZONE = "Europe/Paris";

export type DemoProduct = { externalId: string; sku: string; title: string; price: string; category: string };

/** The candle shop's catalogue; categories carry the SMS delay (Settings → Product categories). */
export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  {
    externalId: "9100000000001",
    sku: "BG-FIG",
    title: "Bougie Figue & Cèdre",
    price: "34.00",
    category: "Candles (consumable)",
  },
  {
    externalId: "9100000000002",
    sku: "BG-LAV",
    title: "Lavender Fields Candle",
    price: "29.00",
    category: "Candles (consumable)",
  },
  {
    externalId: "9100000000003",
    sku: "BG-AMB",
    title: "Bougie Ambre & Thé noir",
    price: "32.00",
    category: "Candles (consumable)",
  },
  { externalId: "9100000000004", sku: "DF-AMB", title: "Reed Diffuser – Ambre", price: "42.00", category: "Diffusers" },
  {
    externalId: "9100000000005",
    sku: "DF-FLR",
    title: "Diffuseur Fleur d'oranger",
    price: "39.00",
    category: "Diffusers",
  },
  {
    externalId: "9100000000006",
    sku: "GC-50",
    title: "Gift card 50 €",
    price: "50.00",
    category: "Gift cards (digital)",
  },
];

type Reason = "three_d_secure" | "card_declined" | "shipping_question" | "none";
type ReplyKind = "praise" | "question" | "problem";

/** What the shop's customers write back, in the candle shop's words. */
const TEXTS = {
  help: {
    three_d_secure: {
      fr: "Bonjour Camille, la page de ma banque expire avant que je reçoive le code. J'ai essayé deux fois.",
      en: "Hi Camille, the 3D Secure page timed out before my bank app showed the request. Tried twice.",
    },
    card_declined: {
      fr: "Bonjour, ma carte a été refusée, je crois que le code postal de facturation ne correspond pas.",
      en: "Hi, my card was declined, I think the billing ZIP didn't match my new address.",
    },
    shipping_question: {
      fr: "Bonjour, les frais de port étaient plus chers que la bougie, j'ai préféré attendre.",
      en: "Hi, shipping for one candle was more than I expected, so I stopped there.",
    },
    none: {
      fr: "Bonjour, je réfléchis encore, je reviendrai sûrement la semaine prochaine.",
      en: "Hi, still thinking about it, I'll probably come back next week.",
    },
  },
  praise: {
    fr: [
      "Elle sent divinement bon, merci !",
      "Reçue et déjà allumée, parfaite 😍",
      "Très joli paquet, merci pour le petit mot",
    ],
    en: ["Smells amazing, thank you!", "Arrived safely, it's lovely", "Beautifully packed, thank you for the note"],
  },
  question: {
    fr: ["Combien de temps dure une bougie environ ?", "Vous faites des recharges pour le diffuseur ?"],
    en: ["How long does a candle burn for?", "Do you sell refills for the diffuser?"],
  },
  problem: {
    fr: [
      "Le pot est arrivé fêlé, la cire a coulé dans le carton.",
      "Toujours pas reçu ma commande, le suivi ne bouge plus.",
    ],
    en: ["The jar arrived cracked and wax leaked in the box.", "Still waiting for my parcel, tracking hasn't moved."],
  },
  thanks: { fr: "Merci beaucoup pour votre réponse !", en: "Thanks a lot for your answer!" },
  agent: {
    fr: "Bonjour {firstName}, merci de m'avoir écrit. Je m'en occupe tout de suite et je reviens vers vous aujourd'hui.",
    en: "Hi {firstName}, thank you for writing. I'm on it and will get back to you today.",
  },
} as const;

/** An answer `afterHours` after the message of that step reached them. */
type ScriptedReply = { to: { flow: string; step: string }; text: string; afterHours: number };
type ScriptedAgentReply = { text: string; at: Date; close: boolean };

type DemoCustomer = {
  key: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  locale: Locale;
  timeZone: string;
  smsConsent: boolean;
  checkoutAt: Date;
  items: { product: DemoProduct; quantity: number }[];
  /** Left at checkout, and why; null when they ordered. */
  abandoned: Reason | null;
  deliveredAt: Date | null;
  /** The named customers' fixed story; the others follow the rates below. */
  script?: {
    replies: ScriptedReply[];
    agent?: ScriptedAgentReply;
    friction?: string;
    assign?: boolean;
    pending?: boolean;
  };
};

const ascii = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");

/** 10:00 to 21:00 in Paris on the day `dayOffset` days before `now`, at the drawn minute. */
function shopTime(now: Date, daysBefore: number, hour: number, minute: number): Date {
  const day = formatInTimeZone(new Date(now.getTime() - daysBefore * DAY), SHOP_ZONE, "yyyy-MM-dd");
  const local = `${day}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00`;
  // Paris is UTC+1 or +2: formatInTimeZone then back through the offset of that day.
  const offset = formatInTimeZone(new Date(`${local}Z`), SHOP_ZONE, "xxx");
  return new Date(`${local}${offset}`);
}

/** The generated customers: seeded, spread over the weeks, a third leaving at checkout. */
function generatedCustomers(now: Date, days: number, count: number, seed: number): DemoCustomer[] {
  const customers: DemoCustomer[] = [];
  for (let index = 0; index < count; index++) {
    const rng = createRng(seed, "demo-customer", index);
    const locale: Locale = rng.chance(0.65) ? "fr" : "en";
    const firstName = rng.pick(CUSTOMER_NAMES[locale].first);
    const lastName = rng.pick(CUSTOMER_NAMES[locale].last);
    const serial = String(index).padStart(3, "0");
    const hasPhone = rng.chance(0.8);
    const phone = hasPhone
      ? locale === "fr"
        ? `+336${serial}${rng.int(10000, 99999)}`
        : `+447700${serial}${rng.int(100, 999)}`
      : null;
    const checkoutAt = shopTime(now, rng.int(1, days - 1), rng.int(9, 21), rng.int(0, 59));
    const first = rng.pick(DEMO_PRODUCTS);
    const items = [{ product: first, quantity: rng.chance(0.2) ? 2 : 1 }];
    if (rng.chance(0.3)) items.push({ product: rng.pick(DEMO_PRODUCTS.filter((p) => p !== first)), quantity: 1 });
    const abandoned = rng.chance(0.3)
      ? rng.weighted<Reason>({ three_d_secure: 0.3, card_declined: 0.12, shipping_question: 0.18, none: 0.4 })
      : null;
    const deliveredAt = abandoned ? null : new Date(checkoutAt.getTime() + rng.int(2, 4) * DAY + rng.int(-3, 3) * HOUR);
    customers.push({
      key: `c${serial}`,
      firstName,
      lastName,
      email: `${ascii(firstName)}.${ascii(lastName)}.${serial}@example.${locale === "fr" ? "fr" : "co.uk"}`,
      phone,
      locale,
      timeZone: locale === "fr" ? "Europe/Paris" : "Europe/London",
      smsConsent: hasPhone && rng.chance(0.6),
      checkoutAt,
      items,
      abandoned,
      deliveredAt: deliveredAt && deliveredAt < now ? deliveredAt : null,
    });
  }
  return customers;
}

const product = (sku: string) => DEMO_PRODUCTS.find((p) => p.sku === sku)!;

/** The named customers of the demo, each with a story the inbox shows near the top. */
function namedCustomers(now: Date): DemoCustomer[] {
  const ago = (hours: number) => new Date(now.getTime() - hours * HOUR);
  return [
    // A happy SMS answer to the review request: the automatic reply sends the review link.
    {
      key: "lea",
      firstName: "Léa",
      lastName: "Martin",
      email: "lea.martin@example.fr",
      phone: "+33612345678",
      locale: "fr",
      timeZone: "Europe/Paris",
      smsConsent: true,
      checkoutAt: ago(15 * 24 + 5),
      items: [{ product: product("BG-FIG"), quantity: 1 }],
      abandoned: null,
      deliveredAt: ago(11 * 24 + 2),
      script: {
        replies: [
          {
            to: { flow: "sms_review_request", step: "review" },
            text: "Oui elle sent divinement bon, merci Camille !",
            afterHours: 0.75,
          },
        ],
      },
    },
    // A broken flask on day 1: answered by the agent, still open.
    {
      key: "hugo",
      firstName: "Hugo",
      lastName: "Bernard",
      email: "hugo.bernard@example.fr",
      phone: "+33698765432",
      locale: "fr",
      timeZone: "Europe/Paris",
      smsConsent: false,
      checkoutAt: ago(5 * 24),
      items: [{ product: product("DF-FLR"), quantity: 1 }],
      abandoned: null,
      deliveredAt: ago(35),
      script: {
        replies: [
          {
            to: { flow: "post_delivery", step: "day1" },
            text: "Le flacon est arrivé fêlé, il a fui dans le carton.",
            afterHours: 1.7,
          },
        ],
        agent: {
          text: "Bonjour Hugo, je suis désolée ! Je vous en renvoie un aujourd'hui. Pourriez-vous m'envoyer une photo du carton pour le transporteur ?",
          at: ago(6),
          close: false,
        },
        assign: true,
        pending: true,
      },
    },
    {
      key: "chloe",
      firstName: "Chloé",
      lastName: "Petit",
      email: "chloe.petit@example.be",
      phone: "+32470123456",
      locale: "fr",
      timeZone: "Europe/Brussels",
      smsConsent: true,
      checkoutAt: ago(20 * 24),
      items: [{ product: product("BG-LAV"), quantity: 1 }],
      abandoned: null,
      deliveredAt: ago(17 * 24),
    },
    // A shipping question on the day-1 check-in.
    {
      key: "emma",
      firstName: "Emma",
      lastName: "Wilson",
      email: "emma.wilson@example.co.uk",
      phone: "+447700100123",
      locale: "en",
      timeZone: "Europe/London",
      smsConsent: true,
      checkoutAt: ago(7 * 24),
      items: [{ product: product("BG-LAV"), quantity: 1 }],
      abandoned: null,
      deliveredAt: ago(4 * 24),
      script: {
        replies: [
          {
            to: { flow: "post_delivery", step: "day1" },
            text: "Hi Camille, love it! Do you ship to Ireland? Shipping showed 19€ at checkout for my sister, is that right?",
            afterHours: 2.6,
          },
        ],
        assign: true,
      },
    },
    {
      key: "james",
      firstName: "James",
      lastName: "Carter",
      email: "james.carter@example.com",
      phone: "+14155550142",
      locale: "en",
      timeZone: "America/Los_Angeles",
      smsConsent: false,
      checkoutAt: ago(6 * 24),
      items: [{ product: product("GC-50"), quantity: 1 }],
      abandoned: null,
      deliveredAt: ago(6 * 24 - 1),
    },
    {
      key: "olivia",
      firstName: "Olivia",
      lastName: "Brown",
      email: "olivia.brown@example.com",
      phone: null,
      locale: "en",
      timeZone: "America/New_York",
      smsConsent: false,
      checkoutAt: ago(40),
      items: [{ product: product("BG-FIG"), quantity: 2 }],
      abandoned: null,
      deliveredAt: null,
    },
    // Stuck at 3-D Secure: the help email an hour later, and his answer; the agent marks the friction.
    {
      key: "noah",
      firstName: "Noah",
      lastName: "Dupont",
      email: "noah.dupont@example.ca",
      phone: "+15145550199",
      locale: "fr",
      timeZone: "America/Toronto",
      smsConsent: true,
      checkoutAt: ago(5.2),
      items: [
        { product: product("BG-FIG"), quantity: 1 },
        { product: product("BG-LAV"), quantity: 1 },
      ],
      abandoned: "three_d_secure",
      deliveredAt: null,
      script: {
        replies: [
          {
            to: { flow: "abandoned_checkout", step: "help" },
            text: "Bonjour Camille, la page de ma banque ne s'affiche jamais, ça tourne puis ça expire. J'ai essayé deux fois.",
            afterHours: 0.8,
          },
        ],
        friction: "payment_authentication",
      },
    },
  ];
}

function lineItems(customer: DemoCustomer): LineItemDetails[] {
  return customer.items.map(({ product: p, quantity }) => ({
    productExternalId: p.externalId,
    sku: p.sku,
    title: p.title,
    quantity,
    unitPrice: p.price,
  }));
}

const total = (customer: DemoCustomer) =>
  customer.items.reduce((sum, { product: p, quantity }) => sum + Number(p.price) * quantity, 0).toFixed(2);

/** The shop events of one customer, in time order: checkout, then order and delivery, or not. */
function shopEventsOf(customer: DemoCustomer, index: number): { at: Date; id: string; event: ShopEvent }[] {
  const details = {
    email: customer.email,
    phone: customer.phone,
    firstName: customer.firstName,
    lastName: customer.lastName,
    locale: customer.locale,
    timeZone: customer.timeZone,
  };
  const consent =
    customer.smsConsent && customer.phone
      ? {
          phone: customer.phone,
          occurredAt: customer.checkoutAt,
          source: "shopify_checkout" as const,
          wording:
            customer.locale === "fr"
              ? "J'accepte de recevoir un SMS de Maison Lumière au sujet de ma commande. STOP pour arrêter."
              : "I agree to receive a text from Maison Lumière about my order. Reply STOP to opt out.",
        }
      : null;
  const checkoutId = `demo-checkout-${customer.key}`;
  const started = new Date(customer.checkoutAt.getTime() - 12 * 60_000);
  const checkout = {
    externalId: checkoutId,
    customer: details,
    currency: "EUR",
    totalPrice: total(customer),
    checkoutUrl: `https://maisonlumiere.example/checkouts/${checkoutId}/recover`,
    startedAt: started,
    lastActivityAt: customer.checkoutAt,
    completedAt: customer.abandoned ? null : customer.checkoutAt,
    lineItems: lineItems(customer),
  };
  const events: { at: Date; id: string; event: ShopEvent }[] = [
    {
      at: customer.checkoutAt,
      id: `${checkoutId}-update`,
      event: { type: "checkout.updated", checkout, smsConsent: consent },
    },
  ];
  if (customer.abandoned) return events;
  const orderId = `demo-order-${customer.key}`;
  events.push({
    at: customer.checkoutAt,
    id: orderId,
    event: {
      type: "order.placed",
      order: {
        externalId: orderId,
        number: `#${1100 + index}`,
        checkoutExternalId: checkoutId,
        customer: details,
        currency: "EUR",
        totalPrice: total(customer),
        placedAt: customer.checkoutAt,
        paidAt: customer.checkoutAt,
        lineItems: lineItems(customer),
      },
      smsConsent: consent,
    },
  });
  if (customer.deliveredAt)
    events.push({
      at: customer.deliveredAt,
      id: `${orderId}-delivered`,
      event: { type: "order.delivered", orderExternalId: orderId, deliveredAt: customer.deliveredAt },
    });
  return events;
}

type Action = { at: Date; run: (at: Date) => Promise<void> };

export type DemoHistorySummary = { customers: number; orders: number; conversations: number; sent: number };

/**
 * Plays `days` of the shop up to `now`. Needs the shop's settings, users, templates and friction
 * categories in place (seedDemoShop makes them).
 */
export async function playDemoHistory(options: {
  now: Date;
  days?: number;
  customers?: number;
  seed?: number;
  agentId: string;
}): Promise<DemoHistorySummary> {
  const { now, agentId } = options;
  const days = options.days ?? 28;
  const seed = options.seed ?? 7;
  const agent = await db.user.findUniqueOrThrow({
    where: { id: agentId },
    select: { id: true, name: true, role: true },
  });
  const customers = [...generatedCustomers(now, days, options.customers ?? 110, seed), ...namedCustomers(now)];
  const byEmail = new Map(customers.map((c) => [c.email, c]));
  // The named customers' threads are left as their story ends, for the newcomer to find.
  const namedEmails = customers.filter((c) => c.script || !c.key.startsWith("c")).map((c) => c.email);
  const byPhone = new Map(customers.filter((c) => c.phone).map((c) => [c.phone!, c]));

  // The catalogue with its categories, so each line item files under its product.
  for (const p of DEMO_PRODUCTS) {
    const category = await db.productCategory.findUnique({ where: { name: p.category } });
    await db.product.upsert({
      where: { externalId: p.externalId },
      create: { externalId: p.externalId, sku: p.sku, title: p.title, categoryId: category?.id },
      update: {},
    });
  }

  const actions: Action[] = customers.flatMap((customer, index) =>
    shopEventsOf(customer, index).map(({ at, id, event }) => ({
      at,
      run: async () => {
        await processWebhookOnce({ provider: "shopify", externalId: id, topic: event.type }, (tx) =>
          applyShopEvent(event, tx),
        );
      },
    })),
  );
  const later = (at: Date, run: (at: Date) => Promise<void>) => {
    if (at <= now) actions.push({ at, run });
  };

  const reviewsLeft = new Set<string>();
  /** A customer's answer to a message, through the inbound path; then maybe their thanks later. */
  const answer = (outboxId: string, text: string) => async (at: Date) => {
    await replyAsCustomer({ outboxMessageId: outboxId, text }, at);
  };
  const click = (token: string, customer: DemoCustomer, reviewChance: number, stream: string) => async (at: Date) => {
    await followTrackedLink(
      token,
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
      at,
    );
    if (reviewsLeft.has(customer.key) || draw(seed, "review", customer.key, stream) >= reviewChance) return;
    reviewsLeft.add(customer.key);
    const reviewAt = new Date(at.getTime() + HOUR);
    later(reviewAt, async (when) => {
      const event: ShopEvent = {
        type: "review.created",
        externalId: `demo-review-${customer.key}`,
        orderExternalId: `demo-order-${customer.key}`,
        customer: { email: customer.email },
        rating: draw(seed, "rating", customer.key) < 0.8 ? 5 : 4,
        createdAt: when,
      };
      await processWebhookOnce(
        { provider: "events_api", externalId: `demo-review-${customer.key}`, topic: "review.created" },
        (tx) => applyShopEvent(event, tx),
      );
    });
  };

  /** What each customer does with a message that just reached them. */
  async function react(outbox: {
    id: string;
    channel: Channel; // the Outbox holds email and SMS only
    textBody: string;
    toAddress: string;
    createdAt: Date;
    providerMessageId: string;
  }) {
    const customer = outbox.channel === "email" ? byEmail.get(outbox.toAddress) : byPhone.get(outbox.toAddress);
    if (!customer) return;
    const sent = await db.message.findUnique({
      where: { providerMessageId: outbox.providerMessageId },
      select: { authorType: true, scheduledMessage: { select: { flow: true, step: true } } },
    });
    const step = sent?.scheduledMessage ?? (sent?.authorType === "staff" ? { flow: "staff", step: "reply" } : null);
    if (!step) return;
    const at = (hours: number) => new Date(outbox.createdAt.getTime() + hours * HOUR);
    const u = (purpose: string) => draw(seed, purpose, customer.key, step.flow, step.step);
    const token = /\/r\/([\w-]+)/.exec(outbox.textBody)?.[1];

    if (customer.script) {
      for (const reply of customer.script.replies)
        if (reply.to.flow === step.flow && reply.to.step === step.step)
          later(at(reply.afterHours), answer(outbox.id, reply.text));
      return;
    }
    const lang = customer.locale === "fr" ? "fr" : "en";
    const pick = (kind: ReplyKind) => TEXTS[kind][lang][Math.floor(u(`${kind}-text`) * TEXTS[kind][lang].length)]!;
    const kindOf = (): ReplyKind => (u("kind") < 0.6 ? "praise" : u("kind") < 0.8 ? "question" : "problem");
    switch (`${step.flow}:${step.step}`) {
      case "abandoned_checkout:help":
        if (customer.abandoned && u("help-reply") < (customer.abandoned === "none" ? 0.05 : 0.45))
          later(at(1 + u("delay") * 6), answer(outbox.id, TEXTS.help[customer.abandoned][lang]));
        if (u("recover") < 0.15) {
          later(at(2 + u("recover-delay") * 30), async (when) => {
            const orderId = `demo-order-${customer.key}`;
            const event: ShopEvent = {
              type: "order.placed",
              order: {
                externalId: orderId,
                number: `#R-${customer.key}`,
                checkoutExternalId: `demo-checkout-${customer.key}`,
                customer: { email: customer.email },
                currency: "EUR",
                totalPrice: total(customer),
                placedAt: when,
                paidAt: when,
                lineItems: lineItems(customer),
              },
              smsConsent: null,
            };
            await processWebhookOnce({ provider: "shopify", externalId: orderId, topic: event.type }, (tx) =>
              applyShopEvent(event, tx),
            );
          });
        }
        return;
      case "post_delivery:day1":
        if (u("reply") < 0.08) later(at(2 + u("delay") * 20), answer(outbox.id, pick(kindOf())));
        return;
      case "post_delivery:day5":
      case "post_delivery:day14":
        if (token && u("click") < 0.06) later(at(1 + u("delay") * 30), click(token, customer, 0.5, step.step));
        return;
      case "sms_review_request:review":
        if (u("stop") < 0.03) later(at(0.2 + u("delay") * 4), answer(outbox.id, "STOP"));
        else if (u("reply") < 0.2) later(at(0.2 + u("delay") * 6), answer(outbox.id, pick(kindOf())));
        else if (token && u("click") < 0.15) later(at(0.5 + u("delay") * 10), click(token, customer, 0.5, "sms"));
        return;
      case "auto_reply:review_link":
        if (token && u("click") < 0.45) later(at(0.3 + u("delay") * 5), click(token, customer, 0.6, "auto"));
        return;
      case "staff:reply":
        if (u("thanks") < 0.25) later(at(1 + u("delay") * 8), answer(outbox.id, TEXTS.thanks[lang]));
        return;
    }
  }

  /** The team's day: at 10:00 and 16:00 in Paris, answer who waits and close what is settled. */
  async function teamRound(at: Date) {
    // The last day and a half stays for the newcomer to work on.
    if (at.getTime() > now.getTime() - 36 * HOUR) return;
    const waiting = await db.conversation.findMany({
      where: {
        status: "open",
        needsHuman: true,
        waitingSince: { lte: new Date(at.getTime() - 2 * HOUR) },
        customer: { email: { notIn: namedEmails } },
      },
      select: {
        id: true,
        customer: { select: { firstName: true, locale: true, email: true } },
        messages: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true, channel: true } },
      },
    });
    for (const conversation of waiting) {
      const last = conversation.messages[0];
      if (!last) continue;
      const text = TEXTS.agent[conversation.customer.locale === "en" ? "en" : "fr"].replace(
        "{firstName}",
        conversation.customer.firstName ?? "",
      );
      // By email when they can no longer be texted (STOP): the reply rules decide, as in the composer.
      for (const channel of [last.channel, "email"] as const) {
        try {
          await sendStaffReply(
            {
              conversationId: conversation.id,
              channel,
              text,
              clientRequestId: randomUUID(),
              seenUpToMessageId: last.id,
              sendAnyway: true,
              attachmentIds: [],
            },
            agent,
            at,
          );
          break;
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
        }
      }
    }
    const answered = await db.conversation.findMany({
      where: {
        status: "open",
        needsHuman: false,
        lastMessageAt: { lte: new Date(at.getTime() - DAY) },
        customer: { email: { notIn: namedEmails } },
      },
      select: { id: true },
    });
    for (const conversation of answered)
      await changeConversationStatus(
        { conversationId: conversation.id, status: "closed", resolution: "resolved" },
        agent.id,
        at,
      );
  }

  const start = new Date(Math.floor((now.getTime() - days * DAY) / HOUR) * HOUR);
  let seen = new Date(0);
  await recordingInOutbox(async () => {
    for (let t = start.getTime(); t <= now.getTime() + HOUR; t += HOUR) {
      const tick = new Date(Math.min(t, now.getTime()));
      // Shop events and customers' actions up to this hour, each at its own time.
      actions.sort((a, b) => a.at.getTime() - b.at.getTime());
      // Strictly before the tick: what the dispatcher sends at the tick comes after them.
      while (
        actions.length &&
        (actions[0]!.at < tick || (tick.getTime() === now.getTime() && actions[0]!.at <= tick))
      ) {
        const action = actions.shift()!;
        await action.run(action.at);
      }
      await dispatchDueMessages({ now: () => tick });
      await deliverOutboxMessages(tick);
      const fresh = await db.outboxMessage.findMany({
        where: { createdAt: { gt: seen, lte: tick } },
        orderBy: { createdAt: "asc" },
      });
      if (fresh.length) seen = fresh.at(-1)!.createdAt;
      for (const outbox of fresh) await react(outbox);
      const hour = Number(formatInTimeZone(tick, SHOP_ZONE, "H"));
      if (hour === 10 || hour === 16) await teamRound(tick);
      if (tick.getTime() === now.getTime()) break;
    }
    // The scripted agent work and friction marks of the named customers.
    for (const customer of customers) {
      const script = customer.script;
      if (!script?.agent && !script?.friction && !script?.assign) continue;
      const conversation = await db.conversation.findFirst({
        where: { customer: { email: customer.email } },
        orderBy: { lastMessageAt: "desc" },
        select: { id: true, messages: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true } } },
      });
      if (!conversation) continue;
      if (script.agent) {
        await sendStaffReply(
          {
            conversationId: conversation.id,
            channel: "email",
            text: script.agent.text,
            clientRequestId: randomUUID(),
            seenUpToMessageId: conversation.messages[0]?.id ?? null,
            sendAnyway: true,
            attachmentIds: [],
          },
          agent,
          script.agent.at,
        );
        if (script.agent.close)
          await changeConversationStatus(
            { conversationId: conversation.id, status: "closed", resolution: "resolved" },
            agent.id,
            script.agent.at,
          );
      }
      if (script.assign) await assignConversation(conversation.id, agent.id, agent.id);
      if (script.pending)
        await changeConversationStatus({ conversationId: conversation.id, status: "pending" }, agent.id, now);
      if (script.friction) {
        const category = await db.frictionCategory.findUnique({ where: { key: script.friction } });
        if (category)
          await markFriction(
            {
              conversationId: conversation.id,
              categoryId: category.id,
              note: "La page 3-D Secure expire avant le code (2 essais).",
            },
            agent,
          );
      }
    }
  });

  const [orders, conversations, sent] = await Promise.all([
    db.order.count(),
    db.conversation.count(),
    db.outboxMessage.count(),
  ]);
  return { customers: customers.length, orders, conversations, sent };
}
