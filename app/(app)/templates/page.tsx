import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { Notice } from "@/components/ui/notice";
import { requireArea } from "@/lib/auth/require-access";
import { can } from "@/lib/auth/permissions";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { templateMessages } from "@/lib/i18n/messages/templates";
import { listTemplates } from "@/lib/templates/template-versions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator(templateMessages);
  return { title: t("title") };
}

// Automatic messages only: the replies people send are the team's saved replies (/saved-replies).
const KINDS = ["flow_step", "auto_reply"] as const;

export default async function TemplatesPage() {
  const user = await requireArea("templates");
  const { t } = await getTranslator(templateMessages);
  const templates = await listTemplates();
  const pending = templates.reduce((sum, template) => sum + template.pending, 0);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          can(user.role, "templates.approve") || pending > 0 ? (
            <Link
              href="/templates/queue"
              className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm hover:bg-stone-100"
            >
              {t("queueLink", { count: pending })}
            </Link>
          ) : undefined
        }
      />
      <p className="mb-6 text-sm text-stone-600">
        {t("savedRepliesNote")}{" "}
        <Link href="/saved-replies" className="text-brand-700 underline">
          {t("savedRepliesLink")}
        </Link>
      </p>
      {templates.length === 0 && <Notice>{t("emptyList")}</Notice>}
      {KINDS.map((kind) => {
        const rows = templates.filter((template) => template.kind === kind);
        if (rows.length === 0) return null;
        return (
          <section key={kind} className="mb-8">
            <h2 className="mb-2 text-sm font-semibold uppercase text-stone-500">{t(`kind_${kind}`)}</h2>
            <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
              <table className="w-full text-left text-sm">
                <thead className="bg-stone-50 text-xs text-stone-600">
                  <tr>
                    <th className="px-3 py-2 font-medium">{t("colName")}</th>
                    <th className="px-3 py-2 font-medium">{t("colChannel")}</th>
                    <th className="px-3 py-2 font-medium">{t("colLanguage")}</th>
                    <th className="px-3 py-2 font-medium">{t("colApproved")}</th>
                    <th className="px-3 py-2 font-medium">{t("colPending")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {rows.map((template) => (
                    <tr key={template.id}>
                      <td className="px-3 py-2">
                        <Link href={`/templates/${template.id}`} className="text-brand-700 underline">
                          {template.name}
                        </Link>
                      </td>
                      <td className="px-3 py-2">{t(`channel_${template.channel}`)}</td>
                      <td className="px-3 py-2">{template.locale.toUpperCase()}</td>
                      <td className="px-3 py-2">
                        {template.approvedNumber ? t("versionLabel", { number: template.approvedNumber }) : t("none")}
                      </td>
                      <td className="px-3 py-2">{template.pending || ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </>
  );
}
