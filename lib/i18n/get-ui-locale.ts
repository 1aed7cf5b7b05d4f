import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { db } from "@/lib/db";
import { getCurrentUser } from "@/lib/auth/current-user";
import { resolveUiLocale, translator, type Messages, type UiLocale } from "@/lib/i18n/translate";

/** The language of this request's screens: the signed-in user's setting, else the browser's. */
export const getUiLocale = cache(async (): Promise<UiLocale> => {
  const user = await getCurrentUser();
  const choice = user ? (await db.user.findUnique({ where: { id: user.id }, select: { locale: true } }))?.locale : null;
  return resolveUiLocale(choice, (await headers()).get("accept-language"));
});

/** A translator for a server component. */
export async function getTranslator<K extends string>(messages: Messages<K>) {
  const locale = await getUiLocale();
  return { t: translator(messages, locale), locale };
}
