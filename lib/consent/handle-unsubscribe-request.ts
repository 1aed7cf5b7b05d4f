import "server-only";
import { env } from "@/lib/env";
import { getShopSettings } from "@/lib/settings/get-shop-settings";
import { readUnsubscribeToken } from "@/lib/consent/unsubscribe-token";
import { unsubscribeFromEmail } from "@/lib/consent/unsubscribe-from-email";
import { invalidLinkPage, unsubscribeConfirmPage, unsubscribedPage } from "@/lib/consent/unsubscribe-page";

export type HtmlAnswer = { status: number; html: string };

/** GET /u/<token>: the confirmation page. POST: unsubscribes (also RFC 8058 one-click). */
export async function handleUnsubscribeRequest(method: "GET" | "POST", token: string, path: string): Promise<HtmlAnswer> {
  const customerId = readUnsubscribeToken(token, env().AUTH_SECRET);
  if (!customerId) return { status: 404, html: invalidLinkPage() };
  const shopName = (await getShopSettings())?.shopName ?? "this shop";
  if (method === "GET") return { status: 200, html: unsubscribeConfirmPage(shopName, path) };
  const found = await unsubscribeFromEmail(customerId, "unsubscribe_link");
  return found ? { status: 200, html: unsubscribedPage(shopName) } : { status: 404, html: invalidLinkPage() };
}
