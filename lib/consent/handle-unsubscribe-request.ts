import "server-only";
import { db } from "@/lib/db";
import { linkSecrets } from "@/lib/env";
import { getShopSettings } from "@/lib/settings/get-shop-settings";
import { readUnsubscribeToken } from "@/lib/consent/unsubscribe-token";
import { unsubscribeEmail } from "@/lib/consent/email-consent";
import { invalidLinkPage, unsubscribeConfirmPage, unsubscribedPage } from "@/lib/consent/unsubscribe-page";
import { publicPageMessages } from "@/lib/i18n/messages/public-pages";
import { resolveUiLocale, translator } from "@/lib/i18n/translate";

export type HtmlAnswer = { status: number; html: string };

/**
 * GET /u/<token>: the confirmation page. POST: unsubscribes (also RFC 8058 one-click).
 * In the customer's language; the browser's when the link names no customer we know.
 */
export async function handleUnsubscribeRequest(
  method: "GET" | "POST",
  token: string,
  path: string,
  acceptLanguage: string | null = null,
): Promise<HtmlAnswer> {
  const customerId = readUnsubscribeToken(token, linkSecrets());
  const customer = customerId
    ? await db.customer.findUnique({ where: { id: customerId }, select: { locale: true } })
    : null;
  const locale = resolveUiLocale(customer?.locale, acceptLanguage);
  if (!customerId) return { status: 404, html: invalidLinkPage(locale) };
  const shopName = (await getShopSettings())?.shopName ?? translator(publicPageMessages, locale)("thisShop");
  if (method === "GET") return { status: 200, html: unsubscribeConfirmPage(shopName, path, locale) };
  const found = await db.$transaction((tx) => unsubscribeEmail(customerId, "unsubscribe_link", null, new Date(), tx));
  return found
    ? { status: 200, html: unsubscribedPage(shopName, locale) }
    : { status: 404, html: invalidLinkPage(locale) };
}
