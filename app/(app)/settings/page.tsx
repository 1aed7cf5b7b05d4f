import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { SettingsForm } from "@/components/settings/settings-form";
import { requireArea } from "@/lib/auth/require-access";
import { can } from "@/lib/auth/permissions";
import { getShopSettings } from "@/lib/settings/get-shop-settings";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireArea("settings");
  const settings = await getShopSettings();
  const timeZones = Intl.supportedValuesOf("timeZone");
  return (
    <>
      <PageHeader title="Shop settings" description="Who the messages come from: the shop, the founder who signs them, and where happy customers leave a review." />
      <SettingsForm
        initial={settings ? { ...settings, updatedAt: settings.updatedAt.toISOString() } : null}
        timeZones={timeZones}
        canEdit={can(user.role, "settings.update")}
      />
    </>
  );
}
