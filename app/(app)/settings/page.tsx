import type { Metadata } from "next";
import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { ApiTokensPanel } from "@/components/settings/api-tokens-panel";
import { FlowSettingsForm } from "@/components/settings/flow-settings-form";
import { SettingsForm } from "@/components/settings/settings-form";
import { ProductCategoriesPanel } from "@/components/settings/product-categories-panel";
import { listApiTokens } from "@/lib/api-tokens/manage-api-tokens";
import { listCatalog } from "@/lib/catalog/product-categories";
import { requireArea } from "@/lib/auth/require-access";
import { can } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { getFlowSettings } from "@/lib/settings/get-flow-settings";
import { getShopSettings } from "@/lib/settings/get-shop-settings";

export const metadata: Metadata = { title: "Settings" };

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
  return (
    <>
      <PageHeader title="Settings" description="Who the messages come from, when they go out, and how the shop's systems reach Reply Inbox." />
      <div className="space-y-8">
        <Section title="Shop" description="The shop, the founder who signs every message, and where happy customers leave a review.">
          <SettingsForm initial={settings ? { ...settings, updatedAt: settings.updatedAt.toISOString() } : null} timeZones={Intl.supportedValuesOf("timeZone")} canEdit={canEdit} />
        </Section>
        <Section title="Message timing" description="When each founder-voice message goes out. Changes apply to messages scheduled from now on.">
          <FlowSettingsForm initial={flows} canEdit={canEdit && Boolean(settings)} />
        </Section>
        <Section title="Product categories" description="The SMS review request waits for the product to be used: set a delay per category (the longest among an order's products applies).">
          <ProductCategoriesPanel
            categories={catalog.categories.map((c) => ({ id: c.id, name: c.name, smsReviewDelayDays: c.smsReviewDelayDays, productCount: c._count.products }))}
            products={catalog.products}
            uncategorized={catalog.uncategorized}
            defaultDays={flows.smsReviewDelayDays}
            canEdit={canEdit}
          />
        </Section>
        {canManageTokens && (
          <Section title="API tokens" description="Tokens for the events API, for shops that are not on Shopify.">
            <ApiTokensPanel
              eventsUrl={`${env().APP_URL.replace(/\/$/, "")}/api/events`}
              tokens={tokens.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, revokedAt: t.revokedAt?.toISOString() ?? null }))}
            />
          </Section>
        )}
      </div>
    </>
  );
}
