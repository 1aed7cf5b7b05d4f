import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { truncateAllTables } from "@/lib/db/truncate-all-tables";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { SHOP_SETTINGS_ID } from "@/lib/settings/get-shop-settings";
import { ensureDefaultTemplates } from "@/lib/templates/ensure-default-templates";
import { DEMO_USERS } from "@/lib/seed/demo-users";

// A believable small French/English candle shop, for demos and for trying the product.


const FRICTION_CATEGORIES = [
  { key: "payment_authentication", name: "Payment authentication (3-D Secure)", description: "The bank's confirmation step timed out or never showed." },
  { key: "card_declined", name: "Card declined", description: "Often a billing ZIP that does not match the card." },
  { key: "shipping_cost", name: "Shipping cost", description: "Shipping cost surprised the customer at checkout." },
  { key: "delivery", name: "Delivery", description: "Late, lost or damaged parcels." },
  { key: "product_confusion", name: "Product confusion", description: "Size, scent or usage was unclear." },
];

const DAY = 24 * 60 * 60 * 1000;

export type SeedSummary = { users: typeof DEMO_USERS; customers: number; orders: number; conversations: number };

export async function databaseHasData(): Promise<boolean> {
  const [users, customers, settings] = await Promise.all([db.user.count(), db.customer.count(), db.shopSettings.count()]);
  return users + customers + settings > 0;
}

const token = () => randomBytes(12).toString("base64url");

/** Fills an empty database with the demo shop. With force, wipes everything first. */
export async function seedDemoShop({ force = false, now = new Date() } = {}): Promise<SeedSummary> {
  if (!env().DEMO_MODE) {
    throw new AppError("conflict", "The demo shop (with its published passwords) is only for a demo: set DEMO_MODE=true on a local APP_URL, or create the first admin for a real shop (npm run user:create, or the first-run page).");
  }
  if (await databaseHasData()) {
    if (!force) throw new AppError("conflict", "The database already has data; nothing was changed. Use --force to wipe it and seed the demo shop.");
    await truncateAllTables();
  }
  const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * 60 * 60 * 1000);
  const passwordHashes = await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password)));

  return db.$transaction(
    async (tx) => {
      const users = await Promise.all(
        DEMO_USERS.map((u, i) => tx.user.create({ data: { email: u.email, name: u.name, role: u.role, passwordHash: passwordHashes[i]!, isDemo: true } })),
      );
      const agent = users.find((u) => u.role === "agent")!;
      const manager = users.find((u) => u.role === "manager")!;

      await tx.shopSettings.create({
        data: {
          id: SHOP_SETTINGS_ID,
          shopName: "Maison Lumière",
          founderName: "Camille Moreau",
          founderSignature: "Camille\nFounder, Maison Lumière (I pour every candle myself in Lyon)",
          senderEmail: "camille@maisonlumiere.example",
          timeZone: "Europe/Paris",
          defaultLocale: "fr",
          reviewUrl: "https://maisonlumiere.example/avis",
        },
      });

      for (const category of FRICTION_CATEGORIES) await tx.frictionCategory.create({ data: category });
      const categories = {
        candles: await tx.productCategory.create({ data: { name: "Candles (consumable)", smsReviewDelayDays: 10 } }),
        diffusers: await tx.productCategory.create({ data: { name: "Diffusers" } }),
        giftCards: await tx.productCategory.create({ data: { name: "Gift cards (digital)", smsReviewDelayDays: 2 } }),
      };
      const products = {
        figue: await tx.product.create({ data: { title: "Bougie Figue & Cèdre", sku: "BG-FIG", categoryId: categories.candles.id } }),
        lavande: await tx.product.create({ data: { title: "Lavender Fields Candle", sku: "BG-LAV", categoryId: categories.candles.id } }),
        diffuser: await tx.product.create({ data: { title: "Reed Diffuser – Ambre", sku: "DF-AMB", categoryId: categories.diffusers.id } }),
        giftCard: await tx.product.create({ data: { title: "Gift card 50 €", sku: "GC-50", categoryId: categories.giftCards.id } }),
      };

      const people = [
        { firstName: "Léa", lastName: "Martin", email: "lea.martin@example.fr", phone: "+33612345678", locale: "fr", timeZone: "Europe/Paris", sms: true },
        { firstName: "Hugo", lastName: "Bernard", email: "hugo.bernard@example.fr", phone: "+33698765432", locale: "fr", timeZone: "Europe/Paris", sms: false },
        { firstName: "Chloé", lastName: "Petit", email: "chloe.petit@example.be", phone: "+32470123456", locale: "fr", timeZone: "Europe/Brussels", sms: true },
        { firstName: "Emma", lastName: "Wilson", email: "emma.wilson@example.co.uk", phone: "+447700900123", locale: "en", timeZone: "Europe/London", sms: true },
        { firstName: "James", lastName: "Carter", email: "james.carter@example.com", phone: "+14155550142", locale: "en", timeZone: "America/Los_Angeles", sms: false },
        { firstName: "Olivia", lastName: "Brown", email: "olivia.brown@example.com", phone: null, locale: "en", timeZone: "America/New_York", sms: false },
        { firstName: "Noah", lastName: "Dupont", email: "noah.dupont@example.ca", phone: "+15145550199", locale: "fr", timeZone: "America/Toronto", sms: true },
      ] as const;
      const wording = {
        fr: "J'accepte de recevoir un SMS de Maison Lumière au sujet de ma commande. Répondez STOP pour arrêter.",
        en: "I agree to receive a text from Maison Lumière about my order. Reply STOP to opt out.",
      };
      const customers = [];
      for (const [i, p] of people.entries()) {
        const consentAt = ago(20 - i);
        const customer = await tx.customer.create({
          data: {
            firstName: p.firstName,
            lastName: p.lastName,
            email: p.email,
            phone: p.phone,
            locale: p.locale,
            timeZone: p.timeZone,
            phoneNumbers: p.sms ? { create: { number: p.phone, consentAt, consentSource: "shopify_checkout", consentWording: wording[p.locale] } } : undefined,
            consentEvents: p.sms ? { create: { channel: "sms", change: "granted", address: p.phone, source: "shopify_checkout", wording: wording[p.locale], occurredAt: consentAt } } : undefined,
          },
        });
        customers.push(customer);
      }

      // Orders: most delivered at various points, so every step of the sequence has someone in it.
      const orderPlans = [
        { customer: 0, product: products.figue, price: "34.00", placed: 9, delivered: 6 },
        { customer: 1, product: products.diffuser, price: "42.00", placed: 4, delivered: 1 },
        { customer: 2, product: products.lavande, price: "29.00", placed: 18, delivered: 14 },
        { customer: 3, product: products.lavande, price: "29.00", placed: 8, delivered: 5 },
        { customer: 4, product: products.giftCard, price: "50.00", placed: 3, delivered: 3 },
        { customer: 5, product: products.figue, price: "68.00", placed: 2, delivered: null },
      ];
      let orderNumber = 1041;
      for (const plan of orderPlans) {
        const customer = customers[plan.customer]!;
        const quantity = plan.price === "68.00" ? 2 : 1;
        const checkout = await tx.checkout.create({
          data: {
            externalId: `demo-checkout-${orderNumber}`,
            customerId: customer.id,
            email: customer.email,
            phone: customer.phone,
            currency: "EUR",
            totalPrice: plan.price,
            startedAt: ago(plan.placed, 1),
            lastActivityAt: ago(plan.placed),
            completedAt: ago(plan.placed),
            lineItems: { create: { productId: plan.product.id, title: plan.product.title, quantity, unitPrice: (Number(plan.price) / quantity).toFixed(2) } },
          },
        });
        await tx.order.create({
          data: {
            externalId: `demo-order-${orderNumber}`,
            number: `#${orderNumber++}`,
            customerId: customer.id,
            checkoutId: checkout.id,
            currency: "EUR",
            totalPrice: plan.price,
            placedAt: ago(plan.placed),
            paidAt: ago(plan.placed),
            fulfilledAt: plan.delivered === null ? null : ago(plan.placed - 1),
            deliveredAt: plan.delivered === null ? null : ago(plan.delivered),
            lineItems: { create: { productId: plan.product.id, title: plan.product.title, quantity, unitPrice: (Number(plan.price) / quantity).toFixed(2) } },
          },
        });
      }
      // One checkout abandoned at the 3-D Secure step.
      await tx.checkout.create({
        data: {
          externalId: "demo-checkout-abandoned-1",
          customerId: customers[6]!.id,
          email: customers[6]!.email,
          phone: customers[6]!.phone,
          currency: "EUR",
          totalPrice: "63.00",
          checkoutUrl: "https://maisonlumiere.example/checkouts/demo-abandoned-1",
          startedAt: ago(0, 5),
          lastActivityAt: ago(0, 5),
          abandonedAt: ago(0, 4),
          lineItems: { create: [{ productId: products.figue.id, title: products.figue.title, quantity: 1, unitPrice: "34.00" }, { productId: products.lavande.id, title: products.lavande.title, quantity: 1, unitPrice: "29.00" }] },
        },
      });

      // Conversations: a happy SMS reply, a 3-D Secure problem, a shipping question, a closed one.
      const shop = "camille@maisonlumiere.example";
      const lea = customers[0]!;
      await tx.conversation.create({
        data: {
          customerId: lea.id,
          mailboxHash: token(),
          status: "closed",
          resolution: "resolved",
          sentiment: "positive",
          intent: "praise",
          lastMessageAt: ago(1, 2),
          closedAt: ago(1, 2),
          messages: {
            create: [
              { direction: "outbound", channel: "sms", authorType: "automation", fromAddress: "+33700000000", toAddress: lea.phone, textBody: "Bonjour Léa, c'est Camille de Maison Lumière. Votre bougie vous plaît ? Si oui, un petit avis m'aiderait beaucoup : https://maisonlumiere.example/avis. STOP pour ne plus recevoir de SMS.", deliveryStatus: "delivered", sentAt: ago(1, 3), deliveredAt: ago(1, 3), smsSegments: 2, createdAt: ago(1, 3) },
              { direction: "inbound", channel: "sms", authorType: "customer", fromAddress: lea.phone, toAddress: "+33700000000", textBody: "Oui elle sent divinement bon, merci Camille !", deliveryStatus: "received", sentiment: "positive", intent: "praise", createdAt: ago(1, 2) },
            ],
          },
        },
      });

      const noah = customers[6]!;
      const problem = await tx.conversation.create({
        data: {
          customerId: noah.id,
          mailboxHash: token(),
          subject: "Re: Votre commande chez Maison Lumière",
          status: "open",
          priority: "high",
          needsHuman: true,
          sentiment: "negative",
          intent: "problem",
          lastMessageAt: ago(0, 3),
          waitingSince: ago(0, 3),
          messages: {
            create: [
              { direction: "outbound", channel: "email", authorType: "automation", fromAddress: shop, toAddress: noah.email, subject: "Votre commande chez Maison Lumière", textBody: "Bonjour Noah,\n\nJ'ai vu que vous aviez commencé votre commande sans pouvoir la terminer. Le paiement a expiré ? Réessayez avec l'application de votre banque déjà ouverte. Carte refusée ? Vérifiez que le code postal de facturation est exactement le bon. Toujours bloqué ? Répondez simplement à ce mail, je vous aide personnellement.\n\nCamille", deliveryStatus: "delivered", emailMessageId: `<demo-${token()}@maisonlumiere.example>`, sentAt: ago(0, 4), deliveredAt: ago(0, 4), createdAt: ago(0, 4) },
              { direction: "inbound", channel: "email", authorType: "customer", fromAddress: noah.email, toAddress: shop, subject: "Re: Votre commande chez Maison Lumière", textBody: "Bonjour Camille, la page de ma banque ne s'affiche jamais, ça tourne puis ça expire. J'ai essayé deux fois.\n\nLe lun. 23 nov. à 10:02, Camille <camille@maisonlumiere.example> a écrit :\n> Bonjour Noah, ...", strippedText: "Bonjour Camille, la page de ma banque ne s'affiche jamais, ça tourne puis ça expire. J'ai essayé deux fois.", deliveryStatus: "received", sentiment: "negative", intent: "problem", frictionHint: "payment_authentication", emailMessageId: `<demo-${token()}@mail.example.ca>`, createdAt: ago(0, 3) },
            ],
          },
        },
      });
      const paymentCategory = await tx.frictionCategory.findUniqueOrThrow({ where: { key: "payment_authentication" } });
      await tx.frictionMark.create({ data: { conversationId: problem.id, categoryId: paymentCategory.id, markedById: manager.id, note: "3-D Secure page never loads for Desjardins cards." } });

      const emma = customers[3]!;
      await tx.conversation.create({
        data: {
          customerId: emma.id,
          mailboxHash: token(),
          subject: "Re: How is your candle?",
          status: "open",
          assigneeId: agent.id,
          needsHuman: true,
          sentiment: "neutral",
          intent: "question",
          lastMessageAt: ago(0, 20),
          waitingSince: ago(0, 20),
          messages: {
            create: [
              { direction: "outbound", channel: "email", authorType: "automation", fromAddress: shop, toAddress: emma.email, subject: "How is your candle?", textBody: "Hi Emma,\n\nIt's Camille. Your Lavender Fields candle arrived yesterday. A tip: let the first burn melt the whole surface, it keeps it from tunnelling. Anything not right? Just reply, I read every message.\n\nCamille", deliveryStatus: "delivered", emailMessageId: `<demo-${token()}@maisonlumiere.example>`, sentAt: ago(4), deliveredAt: ago(4), createdAt: ago(4) },
              { direction: "inbound", channel: "email", authorType: "customer", fromAddress: emma.email, toAddress: shop, subject: "Re: How is your candle?", textBody: "Hi Camille, love it! Do you ship to Ireland? Shipping showed 19€ at checkout for my sister, is that right?", deliveryStatus: "received", sentiment: "neutral", intent: "question", frictionHint: "shipping_cost", emailMessageId: `<demo-${token()}@mail.example.co.uk>`, createdAt: ago(0, 20) },
            ],
          },
        },
      });

      const hugo = customers[1]!;
      await tx.conversation.create({
        data: {
          customerId: hugo.id,
          mailboxHash: token(),
          subject: "Re: Votre diffuseur est arrivé",
          status: "pending",
          assigneeId: agent.id,
          sentiment: "negative",
          intent: "problem",
          lastMessageAt: ago(0, 6),
          messages: {
            create: [
              { direction: "inbound", channel: "email", authorType: "customer", fromAddress: hugo.email, toAddress: shop, subject: "Re: Votre diffuseur est arrivé", textBody: "Le flacon est arrivé fêlé, il a fui dans le carton.", deliveryStatus: "received", sentiment: "negative", intent: "problem", frictionHint: "delivery", emailMessageId: `<demo-${token()}@mail.example.fr>`, createdAt: ago(0, 8) },
              { direction: "outbound", channel: "email", authorType: "staff", authorUserId: agent.id, fromAddress: shop, toAddress: hugo.email, subject: "Re: Votre diffuseur est arrivé", textBody: "Bonjour Hugo, je suis désolée ! Je vous en renvoie un aujourd'hui. Pourriez-vous m'envoyer une photo du carton pour le transporteur ?", deliveryStatus: "sent", sentAt: ago(0, 6), createdAt: ago(0, 6) },
            ],
          },
        },
      });

      await ensureDefaultTemplates(tx);
      return { users: DEMO_USERS, customers: customers.length, orders: orderPlans.length, conversations: 4 };
    },
    { timeout: 60_000 },
  );
}
