import Link from "next/link";
import { silentProvidersForBanner, SILENCE_HOURS } from "@/lib/connections/webhook-health";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { shellMessages } from "@/lib/i18n/messages/shell";

/** Says when a provider stopped calling back after our sends (a wrong webhook URL, an old secret). */
export async function SilentProviderBanner() {
  const silent = await silentProvidersForBanner();
  if (silent.length === 0) return null;
  const { t } = await getTranslator(shellMessages);
  return (
    <div
      role="alert"
      className="border-b border-red-200 bg-red-50 px-6 py-2 text-xs text-red-900"
      data-testid="silent-provider-banner"
    >
      {silent.map(({ provider, sendsSince }) => (
        <p key={provider}>
          {t(provider === "postmark" ? "silentPostmark" : "silentTwilio", { hours: SILENCE_HOURS, count: sendsSince })}{" "}
          <Link href="/connections" className="font-medium underline">
            {t("checkConnections")}
          </Link>
        </p>
      ))}
    </div>
  );
}
