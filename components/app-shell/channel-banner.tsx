import type { ChannelStatus } from "@/lib/env";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { shellMessages } from "@/lib/i18n/messages/shell";

/** Says which providers are not configured, so nobody wonders why nothing is sent. */
export async function ChannelBanner({ channels }: { channels: ChannelStatus }) {
  const { t } = await getTranslator(shellMessages);
  const missing = [
    !channels.email && t("channelEmail", { variables: "POSTMARK_SERVER_TOKEN" }),
    !channels.sms && t("channelSms", { variables: "TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM_NUMBER" }),
  ].filter(Boolean);
  if (missing.length === 0) return null;
  return (
    <div role="status" className="border-b border-amber-200 bg-amber-50 px-6 py-2 text-xs text-amber-900">
      {t("channelsMissing", { channels: missing.join("; ") })}
    </div>
  );
}
