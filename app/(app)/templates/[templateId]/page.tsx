import type { Metadata } from "next";
import { asShopChannel } from "@/lib/channels/channels";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TemplateEditor } from "@/components/templates/template-editor";
import { VersionHistory } from "@/components/templates/version-history";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/require-access";
import { configuredChannels, env } from "@/lib/env";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { templateMessages } from "@/lib/i18n/messages/templates";
import { getShopSettingsRow } from "@/lib/settings/get-shop-settings";
import { listPreviewCustomers } from "@/lib/templates/preview-customers";
import { chatsWrittenWith } from "@/lib/outbound/compose-message";
import { getTemplateWithVersions } from "@/lib/templates/template-versions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator(templateMessages);
  return { title: t("title") };
}

export default async function TemplatePage({ params }: { params: Promise<{ templateId: string }> }) {
  const user = await requireArea("templates");
  const template = await getTemplateWithVersions((await params).templateId);
  if (!template) notFound();
  const { t } = await getTranslator(templateMessages);
  const settings = await getShopSettingsRow();
  const customers = await listPreviewCustomers({
    shopName: settings?.shopName ?? "Shop",
    founderName: settings?.founderName ?? "Founder",
    appUrl: env().APP_URL,
  });
  const chats = chatsWrittenWith(template.key, template.channel);
  // Editing starts from the newest version, so a pending draft is not lost under the approved one.
  const start = template.versions[0];
  return (
    <>
      <Link href="/templates" className="text-xs text-brand-700 underline">
        {t("back")}
      </Link>
      <PageHeader
        title={template.name}
        description={[
          `${t(`channel_${template.channel}`)} · ${template.locale.toUpperCase()}`,
          ...(chats.length
            ? [t("alsoAnswersOn", { channels: chats.map((chat) => t(`channel_${chat}`)).join(", ") })]
            : []),
        ].join(" · ")}
      />
      {can(user.role, "templates.propose") && (
        <TemplateEditor
          template={{
            id: template.id,
            key: template.key,
            kind: template.kind,
            channel: asShopChannel(template.channel),
            locale: template.locale,
          }}
          initial={{ subject: start?.subject ?? "", preheader: start?.preheader ?? "", body: start?.body ?? "" }}
          signature={settings?.founderSignature ?? ""}
          customers={customers}
          aiConfigured={configuredChannels().ai}
          appUrl={env().APP_URL}
        />
      )}
      <div className="mt-10">
        <VersionHistory
          versions={template.versions.map((v) => ({
            id: v.id,
            number: v.number,
            status: v.status,
            subject: v.subject,
            preheader: v.preheader,
            body: v.body,
            author: v.author?.name ?? null,
            reviewer: v.reviewedBy?.name ?? null,
            reviewComment: v.reviewComment,
            createdAt: v.createdAt,
          }))}
          approvedVersionId={template.approvedVersionId}
          canApprove={can(user.role, "templates.approve")}
          isAdmin={user.role === "admin"}
        />
      </div>
    </>
  );
}
