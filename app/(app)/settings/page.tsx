import type { Metadata } from "next";
import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { ApiTokensPanel } from "@/components/settings/api-tokens-panel";
import { DataSettingsForm } from "@/components/settings/data-settings-form";
import { FlowSettingsForm } from "@/components/settings/flow-settings-form";
import { SettingsForm } from "@/components/settings/settings-form";
import { VoiceSamplesForm } from "@/components/settings/voice-samples-form";
import { ProductCategoriesPanel } from "@/components/settings/product-categories-panel";
import { listApiTokens } from "@/lib/api-tokens/manage-api-tokens";
import { listCatalog } from "@/lib/catalog/product-categories";
import { requireArea } from "@/lib/auth/require-access";
import { can } from "@/lib/auth/permissions";
import { configuredChannels, env } from "@/lib/env";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { settingsMessages } from "@/lib/i18n/messages/settings";
import { voiceMessages } from "@/lib/i18n/messages/voice";
import { getFlowSettings } from "@/lib/settings/get-flow-settings";
import { getShopSettings } from "@/lib/settings/get-shop-settings";
import { getVoiceSamples } from "@/lib/settings/update-voice-samples";
import { DEFAULT_DATA_SETTINGS, getDataSettings } from "@/lib/settings/update-data-settings";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator(settingsMessages);
  return { title: t("pageTitle") };
}

function Section({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <section className="border-b border-stone-200 pb-8">
      <h2 className="text-base font-semibold">{title}</h2>
      <p className="mt-1 mb-4 max-w-2xl text-sm text-stone-600">{description}</p>
      {children}
    </section>
  );
}

export default async function SettingsPage() {
  const user = await requireArea("settings");
  const [settings, flows, catalog] = await Promise.all([getShopSettings(), getFlowSettings(), listCatalog()]);
  const canEdit = can(user.role, "settings.update");
  const canManageTokens = can(user.role, "settings.api_tokens");
  const tokens = canManageTokens ? await listApiTokens() : [];
  const { t } = await getTranslator(settingsMessages);
  const voiceSamples = await getVoiceSamples();
  const dataSettings = await getDataSettings();
  const { t: voice } = await getTranslator(voiceMessages);
  return (
    <>
      <PageHeader title={t("pageTitle")} description={t("pageDescription")} />
      <div className="space-y-8">
        <Section title={t("shop.title")} description={t("shop.description")}>
          <SettingsForm
            initial={settings ? { ...settings, updatedAt: settings.updatedAt.toISOString() } : null}
            timeZones={Intl.supportedValuesOf("timeZone")}
            canEdit={canEdit}
          />
        </Section>
        <Section title={t("timing.title")} description={t("timing.description")}>
          <FlowSettingsForm initial={flows} canEdit={canEdit && Boolean(settings)} />
        </Section>
        <Section title={t("data.title")} description={t("data.description")}>
          <DataSettingsForm initial={dataSettings ?? DEFAULT_DATA_SETTINGS} canEdit={canEdit && Boolean(settings)} />
        </Section>
        <Section title={t("categories.title")} description={t("categories.description")}>
          <ProductCategoriesPanel
            categories={catalog.categories.map((c) => ({
              id: c.id,
              name: c.name,
              smsReviewDelayDays: c.smsReviewDelayDays,
              productCount: c._count.products,
            }))}
            products={catalog.products}
            uncategorized={catalog.uncategorized}
            defaultDays={flows.smsReviewDelayDays}
            canEdit={canEdit}
          />
        </Section>
        <Section title={voice("title")} description={voice("description")}>
          <VoiceSamplesForm
            initial={voiceSamples}
            canEdit={canEdit && Boolean(settings)}
            aiConfigured={configuredChannels().ai}
          />
        </Section>
        {canManageTokens && (
          <Section title={t("tokens.title")} description={t("tokens.description")}>
            <ApiTokensPanel
              eventsUrl={`${env().APP_URL.replace(/\/$/, "")}/api/events`}
              tokens={tokens.map((t) => ({
                ...t,
                createdAt: t.createdAt.toISOString(),
                lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
                revokedAt: t.revokedAt?.toISOString() ?? null,
              }))}
            />
          </Section>
        )}
      </div>
    </>
  );
}
