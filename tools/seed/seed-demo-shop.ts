import { createDefaultSavedReplies } from "@/lib/saved-replies/saved-replies";
import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { SHOP_SETTINGS_ID } from "@/lib/settings/get-shop-settings";
import { ensureDefaultTemplates } from "@/lib/templates/ensure-default-templates";
import { DEMO_USERS } from "@/tools/seed/demo-users";
import { playDemoHistory } from "@/tools/seed/demo-history";

// A believable small French/English candle shop, for demos and for trying the product: its
// settings, team and categories here, then weeks of its life played by demo-history.ts.

const FRICTION_CATEGORIES = [
  {
    key: "payment_authentication",
    name: "Payment authentication (3-D Secure)",
    description: "The bank's confirmation step timed out or never showed.",
  },
  { key: "card_declined", name: "Card declined", description: "Often a billing ZIP that does not match the card." },
  { key: "shipping_cost", name: "Shipping cost", description: "Shipping cost surprised the customer at checkout." },
  { key: "delivery", name: "Delivery", description: "Late, lost or damaged parcels." },
  { key: "product_confusion", name: "Product confusion", description: "Size, scent or usage was unclear." },
];

// The SMS review request waits for the product to be used: longer for candles, shorter for gift cards.
const PRODUCT_CATEGORIES = [
  { name: "Candles (consumable)", smsReviewDelayDays: 10 },
  { name: "Diffusers" },
  { name: "Gift cards (digital)", smsReviewDelayDays: 2 },
];

export type SeedSummary = { users: typeof DEMO_USERS; customers: number; orders: number; conversations: number };

export async function databaseHasData(): Promise<boolean> {
  const [users, customers, settings] = await Promise.all([
    db.user.count(),
    db.customer.count(),
    db.shopSettings.count(),
  ]);
  return users + customers + settings > 0;
}

/** Fills an empty database with the demo shop. With force, wipes everything first. */
/** `history` sizes the weeks played (tests play a smaller shop). */
export async function seedDemoShop({
  force = false,
  now = new Date(),
  history: size = {} as { days?: number; customers?: number },
} = {}): Promise<SeedSummary> {
  if (!env().DEMO_MODE) {
    throw new AppError(
      "conflict",
      "The demo shop (with its published passwords) is only for a demo: set DEMO_MODE=true on a local APP_URL, or create the first admin for a real shop (npm run user:create, or the first-run page).",
    );
  }
  if (await databaseHasData()) {
    if (!force)
      throw new AppError(
        "conflict",
        "The database already has data; nothing was changed. Use --force to wipe it and seed the demo shop.",
      );
    await truncateAllTables();
  }
  const passwordHashes = await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password)));

  const { agentId } = await db.$transaction(
    async (tx) => {
      const users = await Promise.all(
        DEMO_USERS.map((u, i) =>
          tx.user.create({
            data: { email: u.email, name: u.name, role: u.role, passwordHash: passwordHashes[i]!, isDemo: true },
          }),
        ),
      );
      const agent = users.find((u) => u.role === "agent")!;

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
      for (const category of PRODUCT_CATEGORIES) await tx.productCategory.create({ data: category });
      await ensureDefaultTemplates(tx);
      await createDefaultSavedReplies(tx);
      return { agentId: agent.id };
    },
    { timeout: 60_000 },
  );
  // Weeks of the shop played through the real flows, so every page tells the same story.
  const history = await playDemoHistory({ now, agentId, ...size });
  return {
    users: DEMO_USERS,
    customers: history.customers,
    orders: history.orders,
    conversations: history.conversations,
  };
}
