import "server-only";
import type { DbClient } from "@/lib/db";
import type { TemplateVersion } from "@/lib/generated/prisma/client";
import type { Channel, Locale } from "@/lib/generated/prisma/enums";

export type ApprovedVersion = { locale: Locale; version: TemplateVersion };

/**
 * The approved version of a template in the customer's language, else in the shop's default
 * language. A draft or pending version is never returned: only approved words are sent.
 */
export async function getApprovedVersion(
  key: string,
  channel: Channel,
  locales: Locale[],
  tx: DbClient,
): Promise<ApprovedVersion | null> {
  for (const locale of locales) {
    const template = await tx.template.findUnique({
      where: { key_channel_locale: { key, channel, locale } },
      include: { approvedVersion: true },
    });
    if (template?.approvedVersion?.status === "approved") return { locale, version: template.approvedVersion };
  }
  return null;
}

/** getApprovedVersion answered from memory. */
export type ApprovedVersions = (key: string, channel: Channel, locales: Locale[]) => ApprovedVersion | null;

/**
 * Every approved version, read in one query, answering as getApprovedVersion does: for a dispatch
 * run, which composes many messages with the same texts. An approval made meanwhile counts from
 * the next run.
 */
export async function loadApprovedVersions(tx: DbClient): Promise<ApprovedVersions> {
  const templates = await tx.template.findMany({
    where: { approvedVersion: { status: "approved" } },
    include: { approvedVersion: true },
  });
  const approved = new Map(
    templates.map((template) => [`${template.key}/${template.channel}/${template.locale}`, template.approvedVersion!]),
  );
  return (key, channel, locales) => {
    for (const locale of locales) {
      const version = approved.get(`${key}/${channel}/${locale}`);
      if (version) return { locale, version };
    }
    return null;
  };
}
