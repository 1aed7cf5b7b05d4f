// A small French ceramics shop and its customers, generated from a seed: who they are, what
// they put in the basket, whether the checkout went through and when the parcel arrived.
// Pure: the same seed and rates give the same shop.
import type { Locale } from "@/lib/generated/prisma/enums";
import { createRng, type Rng } from "@/tools/simulator/random";
import type { CheckoutReason } from "@/tools/simulator/reply-texts";
import type { SimulationRates } from "@/tools/simulator/simulation-rates";

export type Product = { id: string; sku: string; title: string; price: string; category: string };

export const CATALOGUE: readonly Product[] = [
  {
    id: "8123456789012",
    sku: "LUNE-CER-BLA",
    title: "Lampe Lune en céramique",
    price: "89.00",
    category: "Luminaires",
  },
  {
    id: "8123456789013",
    sku: "LUNE-MINI-TER",
    title: "Petite lampe Lune terracotta",
    price: "59.00",
    category: "Luminaires",
  },
  {
    id: "8123456789014",
    sku: "APPL-MURALE",
    title: "Applique murale Croissant",
    price: "119.00",
    category: "Luminaires",
  },
  { id: "8123456789015", sku: "SUSP-OPALE", title: "Suspension Opale", price: "139.00", category: "Luminaires" },
  {
    id: "8123456789016",
    sku: "BOL-GRES-4",
    title: "Bols en grès (lot de 4)",
    price: "48.00",
    category: "Arts de la table",
  },
  {
    id: "8123456789017",
    sku: "TASSE-EMAIL",
    title: "Tasse émaillée bleu nuit",
    price: "22.00",
    category: "Arts de la table",
  },
  {
    id: "8123456789018",
    sku: "PLAT-OVALE",
    title: "Plat ovale à servir",
    price: "54.00",
    category: "Arts de la table",
  },
  {
    id: "8123456789019",
    sku: "ASSIET-SABLE",
    title: "Assiettes Sable (lot de 2)",
    price: "36.00",
    category: "Arts de la table",
  },
  { id: "8123456789020", sku: "CARAFE-BRUME", title: "Carafe Brume", price: "42.00", category: "Arts de la table" },
  { id: "8123456789021", sku: "VASE-GALET", title: "Vase Galet", price: "39.00", category: "Décoration" },
  { id: "8123456789022", sku: "VASE-SOLIFLORE", title: "Soliflore Goutte", price: "19.00", category: "Décoration" },
  { id: "8123456789023", sku: "CACHE-POT-M", title: "Cache-pot strié (M)", price: "34.00", category: "Décoration" },
  { id: "8123456789024", sku: "MIROIR-LUNE", title: "Miroir Lune", price: "79.00", category: "Décoration" },
  { id: "8123456789025", sku: "BOUG-CEDRE", title: "Bougie cèdre et figue", price: "24.00", category: "Bougies" },
  { id: "8123456789026", sku: "BOUG-AMBRE", title: "Bougie ambre et thé noir", price: "24.00", category: "Bougies" },
  { id: "8123456789027", sku: "BOUG-MINI-3", title: "Trio de mini bougies", price: "29.00", category: "Bougies" },
];

export const CUSTOMER_NAMES: Record<Locale, { first: readonly string[]; last: readonly string[] }> = {
  fr: {
    first: [
      "Camille",
      "Léa",
      "Chloé",
      "Manon",
      "Inès",
      "Sarah",
      "Julie",
      "Claire",
      "Hélène",
      "Sophie",
      "Élodie",
      "Anaïs",
      "Lucas",
      "Hugo",
      "Louis",
      "Nathan",
      "Thomas",
      "Julien",
      "Antoine",
      "Mathieu",
      "Nicolas",
      "Romain",
      "Zoé",
      "Margaux",
    ],
    last: [
      "Martin",
      "Bernard",
      "Dubois",
      "Thomas",
      "Robert",
      "Richard",
      "Petit",
      "Durand",
      "Leroy",
      "Moreau",
      "Simon",
      "Laurent",
      "Lefèvre",
      "Michel",
      "Garcia",
      "David",
      "Bertrand",
      "Roux",
      "Vincent",
      "Fournier",
      "Morel",
      "Girard",
      "Bonnet",
      "Mercier",
    ],
  },
  en: {
    first: [
      "Emma",
      "Olivia",
      "Amelia",
      "Isla",
      "Grace",
      "Sophie",
      "Charlotte",
      "Lucy",
      "Hannah",
      "Ella",
      "Jack",
      "Oliver",
      "Harry",
      "George",
      "Noah",
      "Leo",
      "Oscar",
      "James",
      "William",
      "Thomas",
      "Alice",
      "Freya",
      "Ruby",
      "Daniel",
    ],
    last: [
      "Smith",
      "Jones",
      "Taylor",
      "Brown",
      "Williams",
      "Wilson",
      "Johnson",
      "Davies",
      "Robinson",
      "Wright",
      "Thompson",
      "Evans",
      "Walker",
      "White",
      "Roberts",
      "Green",
      "Hall",
      "Wood",
      "Jackson",
      "Clarke",
      "Hughes",
      "Edwards",
      "Turner",
      "Hill",
    ],
  },
};

export type CartItem = { product: Product; quantity: number };

export type Journey =
  /** Started a checkout and left; `idleHours` since its last update. The order id is used if they come back. */
  | {
      kind: "abandoned";
      checkoutToken: string;
      idleHours: number;
      reason: CheckoutReason;
      items: CartItem[];
      orderId: string;
      orderNumber: string;
    }
  /** Ordered; delivered `deliveredDaysAgo` days ago, or still on its way (null). */
  | {
      kind: "ordered";
      checkoutToken: string;
      orderId: string;
      orderNumber: string;
      placedDaysAgo: number;
      deliveredDaysAgo: number | null;
      items: CartItem[];
    };

export type SimCustomer = {
  index: number;
  shopifyId: string;
  firstName: string;
  lastName: string;
  email: string;
  /** E.164, or null when none was given. */
  phone: string | null;
  country: "FR" | "GB";
  locale: Locale;
  smsConsent: boolean;
  /** The address hard-bounces / the number cannot receive SMS. */
  emailBounces: boolean;
  smsUnreachable: boolean;
  journey: Journey;
};

export type ShopScenario = { seed: number; runTag: string; customers: SimCustomer[] };

export const MAX_CUSTOMERS = 10_000;

const ascii = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();

/** A number unique to the run, so a second run against the same app creates new customers. */
function runNumber(runTag: string): number {
  return [...runTag].reduce((n, char) => (n * 31 + char.charCodeAt(0)) % 9_000, 7) + 1_000;
}

function cart(rng: Rng): CartItem[] {
  const first = rng.pick(CATALOGUE);
  const items: CartItem[] = [{ product: first, quantity: rng.chance(0.15) ? 2 : 1 }];
  if (rng.chance(0.25)) {
    const second = rng.pick(CATALOGUE.filter((p) => p.id !== first.id));
    items.push({ product: second, quantity: 1 });
  }
  return items;
}

function reasonFor(rng: Rng, rates: SimulationRates): CheckoutReason {
  const none = Math.max(0, 1 - rates.threeDSecureShare - rates.cardDeclinedShare - rates.shippingQuestionShare);
  return rng.weighted({
    three_d_secure: rates.threeDSecureShare,
    card_declined: rates.cardDeclinedShare,
    shipping_question: rates.shippingQuestionShare,
    none,
  });
}

/**
 * The shop's customers. `runTag` only makes addresses, numbers and ids unique to this run; every
 * decision comes from `seed`, so two runs with the same seed differ in nothing else.
 */
/**
 * How long ago orders were delivered. The app sends each step only within its useful time after
 * it falls due (day 1: 2 days, day 5 and the SMS: 3 days, day 14: 7 days), so a snapshot holds
 * day-1 customers (1.5, 2.5), day-5 and SMS ones (5.5 to 7.5, weighted: the SMS is the rarest),
 * day-14 ones (14.5 to 20.5), and some whose steps are too late (3.5, 9.5, 24.5).
 */
const DELIVERY_AGES_DAYS = [1.5, 2.5, 3.5, 5.5, 5.5, 6.5, 6.5, 7.5, 7.5, 9.5, 14.5, 16.5, 18.5, 20.5, 24.5] as const;

export function generateShopScenario(options: {
  customers: number;
  seed: number;
  rates: SimulationRates;
  runTag: string;
}): ShopScenario {
  if (!Number.isInteger(options.customers) || options.customers < 1 || options.customers > MAX_CUSTOMERS)
    throw new Error(`customers must be a whole number from 1 to ${MAX_CUSTOMERS}`);
  const { seed, rates, runTag } = options;
  const run = runNumber(runTag);
  const customers: SimCustomer[] = [];
  for (let index = 0; index < options.customers; index++) {
    const rng = createRng(seed, "customer", index);
    const locale: Locale = rng.chance(rates.frenchShare) ? "fr" : "en";
    const country = locale === "fr" ? "FR" : "GB";
    const firstName = rng.pick(CUSTOMER_NAMES[locale].first);
    const lastName = rng.pick(CUSTOMER_NAMES[locale].last);
    const serial = String(index).padStart(4, "0");
    const hasPhone = rng.chance(rates.phoneShare);
    // Mobile ranges that parse as valid numbers; the run and the index keep them unique.
    const phone = hasPhone
      ? country === "FR"
        ? `+336${run}${serial}`
        : `+447400${String(run % 100).padStart(2, "0")}${serial}`
      : null;
    const smsConsent = hasPhone && rng.chance(rates.smsConsentShare);
    const abandoned = rng.chance(rates.abandonedShare);
    const items = cart(rng);
    const checkoutToken = `sim${runTag}c${serial}`;
    const journey: Journey = abandoned
      ? {
          kind: "abandoned",
          checkoutToken,
          idleHours: rng.int(3, 30) + rng.next() * 0.8,
          reason: reasonFor(rng, rates),
          items,
          orderId: `${run}${serial}`,
          orderNumber: `#${run}-${serial}`,
        }
      : (() => {
          const inTransit = rng.chance(rates.inTransitShare);
          // Half a day off the whole days, so each step is clearly due or not, and spread so the
          // dispatcher's snapshot finds every step in its useful window, some past it (too late).
          const deliveredDaysAgo = inTransit ? null : rng.pick(DELIVERY_AGES_DAYS);
          return {
            kind: "ordered",
            checkoutToken,
            orderId: `${run}${serial}`,
            orderNumber: `#${run}-${serial}`,
            placedDaysAgo: (deliveredDaysAgo ?? 0) + rng.int(2, 4),
            deliveredDaysAgo,
            items,
          };
        })();
    customers.push({
      index,
      shopifyId: `7${run}${serial}`,
      firstName,
      lastName,
      email: `${ascii(firstName)}.${ascii(lastName).replace(/[^a-z]/g, "")}.${serial}+${runTag}@example.com`,
      phone,
      country,
      locale,
      smsConsent,
      emailBounces: rng.chance(rates.emailBounceRate),
      smsUnreachable: hasPhone && rng.chance(rates.smsUndeliveredRate),
      journey,
    });
  }
  return { seed, runTag, customers };
}

export function cartTotal(items: CartItem[]): string {
  return items.reduce((sum, item) => sum + Number(item.product.price) * item.quantity, 0).toFixed(2);
}
