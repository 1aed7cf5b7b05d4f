import type { ChannelStatus } from "@/lib/env";

/** Says which providers are not configured, so nobody wonders why nothing is sent. */
export function ChannelBanner({ channels }: { channels: ChannelStatus }) {
  const missing = [
    !channels.email && "Email (Postmark: POSTMARK_SERVER_TOKEN)",
    !channels.sms && "SMS (Twilio: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM_NUMBER)",
  ].filter(Boolean);
  if (missing.length === 0) return null;
  return (
    <div role="status" className="border-b border-amber-200 bg-amber-50 px-6 py-2 text-xs text-amber-900">
      Not configured, so nothing is sent or received on: {missing.join("; ")}. Set these in the environment and restart.
    </div>
  );
}
