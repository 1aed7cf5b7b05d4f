import "server-only";
import type { DbClient } from "@/lib/db";
import type { Channel, Locale } from "@/lib/generated/prisma/enums";

/**
 * The approved version of a template in the customer's language, else in the shop's default
 * language. A draft or pending version is never returned: only approved words are sent.
 */
export async function getApprovedVersion(key: string, channel: Channel, locales: Locale[], tx: DbClient) {
  for (const locale of locales) {
    const template = await tx.template.findUnique({ where: { key_channel_locale: { key, channel, locale } }, include: { approvedVersion: true } });
    if (template?.approvedVersion?.status === "approved") return { locale, version: template.approvedVersion };
  }
  return null;
}
