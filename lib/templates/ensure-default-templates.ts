import "server-only";
import { db, type DbClient } from "@/lib/db";
import { DEFAULT_TEMPLATES } from "@/lib/templates/default-templates";

/**
 * Creates, approved, each default template the shop does not have yet. Existing templates, and
 * the founder's own versions, are never touched. Safe to call often and concurrently.
 */
export async function ensureDefaultTemplates(tx: DbClient = db): Promise<number> {
  const existing = await tx.template.findMany({ select: { key: true, channel: true, locale: true } });
  const have = new Set(existing.map((t) => `${t.key}/${t.channel}/${t.locale}`));
  let created = 0;
  for (const template of DEFAULT_TEMPLATES) {
    if (have.has(`${template.key}/${template.channel}/${template.locale}`)) continue;
    const { count } = await tx.template.createMany({
      data: [
        {
          key: template.key,
          kind: template.kind,
          channel: template.channel,
          locale: template.locale,
          name: template.name,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 0) continue; // created meanwhile by another process
    const row = await tx.template.findUniqueOrThrow({
      where: { key_channel_locale: { key: template.key, channel: template.channel, locale: template.locale } },
    });
    const version = await tx.templateVersion.create({
      data: {
        templateId: row.id,
        number: 1,
        subject: template.subject ?? null,
        preheader: template.preheader ?? null,
        body: template.body,
        status: "approved",
        reviewedAt: new Date(),
        reviewComment: "Default text shipped with Reply Inbox.",
      },
    });
    await tx.template.update({ where: { id: row.id }, data: { approvedVersionId: version.id } });
    created++;
  }
  return created;
}
