import type { ReactNode } from "react";
import { AppNav } from "@/components/app-shell/app-nav";
import { requireUser } from "@/lib/auth/require-access";
import { areasFor, can } from "@/lib/auth/permissions";
import { channelTransports, configuredChannels, env } from "@/lib/env";
import { getLocaleChoice } from "@/lib/auth/viewer-locale";
import { ChannelBanner } from "@/components/app-shell/channel-banner";
import { SilentProviderBanner } from "@/components/app-shell/silent-provider-banner";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const transports = channelTransports(env());
  const areas = areasFor(user.role, { outbox: transports.email === "outbox" || transports.sms === "outbox" }).map(
    ({ key, href }) => ({ key, href }),
  );
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <AppNav
        areas={areas}
        user={{ name: user.name, email: user.email, role: user.role }}
        localeChoice={await getLocaleChoice()}
      />
      <div className="min-w-0 flex-1">
        {can(user.role, "setup.providers") && <ChannelBanner channels={configuredChannels(env())} />}
        {can(user.role, "connections.manage") && <SilentProviderBanner />}
        <main className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8">{children}</main>
      </div>
    </div>
  );
}
