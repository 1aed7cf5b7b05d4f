import "server-only";
import { cache } from "react";
import { db, type DbClient } from "@/lib/db";
import type { ShopSettingsInput } from "@/lib/settings/shop-settings-input";

export const SHOP_SETTINGS_ID = 1;

/** The shop's settings, or null before the shop has been set up. */
export async function getShopSettings(tx: DbClient = db): Promise<(ShopSettingsInput & { updatedAt: Date }) | null> {
  return tx.shopSettings.findUnique({
    where: { id: SHOP_SETTINGS_ID },
    select: {
      shopName: true,
      founderName: true,
      founderSignature: true,
      senderEmail: true,
      timeZone: true,
      defaultLocale: true,
      reviewUrl: true,
      updatedAt: true,
    },
  });
}

/** Every column, for the flows (delays, SMS window) and the message composer. */
export async function getShopSettingsRow(tx: DbClient = db) {
  return tx.shopSettings.findUnique({ where: { id: SHOP_SETTINGS_ID } });
}

/**
 * The settings row read once per server render (React cache): a page, its layout and its
 * components share one query. Outside a render (a route handler, a test) it reads each time.
 */
export const getShopSettingsForRender = cache(() => getShopSettingsRow());
