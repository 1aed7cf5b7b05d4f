"use client";

import { useState } from "react";
import { sendReviewLinkAction } from "@/app/(app)/inbox/[conversationId]/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { formatDateTime } from "@/lib/i18n/format";
import { useViewerTimeZone } from "@/components/i18n/time-zone-provider";
import { errorMessages } from "@/lib/i18n/messages/errors";
import { inboxMessages } from "@/lib/i18n/messages/inbox";
import type { ChannelBlock } from "@/lib/inbox/reply-channels";

type Availability = { allowed: true } | { allowed: false; reason: ChannelBlock };

/**
 * "Send review link" to any customer, whatever they said (no review gating), by a channel their
 * consent allows. A confirmation step, because it reaches the customer.
 */
export function ReviewLinkPanel({
  conversationId,
  email,
  sms,
}: {
  conversationId: string;
  email: Availability;
  sms: Availability;
}) {
  const { t, locale } = useTranslator(inboxMessages);
  const timeZone = useViewerTimeZone();
  const { t: te } = useTranslator(errorMessages);
  const send = useServerAction(sendReviewLinkAction);
  const [choosing, setChoosing] = useState(false);
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());

  function sendBy(channel: "email" | "sms") {
    send.run({ conversationId, channel, clientRequestId: requestId }, (result) => {
      setChoosing(false);
      setRequestId(crypto.randomUUID());
      if (result.outcome === "sent") return t("reviewLinkSent");
      if (result.outcome === "deferred")
        return t("reviewLinkDeferred", { time: formatDateTime(result.until, locale, timeZone) });
      return t("reviewLinkRetrying", { error: result.error });
    });
  }

  return (
    <div className="space-y-2">
      {choosing ? (
        <div className="space-y-2 rounded-md border border-stone-200 p-3 text-sm">
          <p>{t("reviewLinkConfirm")}</p>
          <div className="flex flex-wrap gap-2">
            {(["email", "sms"] as const).map((channel) => {
              const availability = channel === "email" ? email : sms;
              return (
                <Button
                  key={channel}
                  type="button"
                  disabled={!availability.allowed}
                  pending={send.pending}
                  title={availability.allowed ? undefined : te(`channel_${availability.reason}`)}
                  onClick={() => sendBy(channel)}
                >
                  {channel === "email" ? t("reviewLinkByEmail") : t("reviewLinkBySms")}
                </Button>
              );
            })}
            <Button type="button" variant="secondary" onClick={() => setChoosing(false)}>
              {t("cancel")}
            </Button>
          </div>
          {[email, sms].some((a) => !a.allowed) && (
            <p className="text-xs text-stone-500">
              {!email.allowed &&
                `${t("channelBlocked", { channel: t("channelEmail"), reason: te(`channel_${email.reason}`) })} `}
              {!sms.allowed && t("channelBlocked", { channel: t("channelSms"), reason: te(`channel_${sms.reason}`) })}
            </p>
          )}
        </div>
      ) : (
        <Button type="button" variant="secondary" onClick={() => setChoosing(true)}>
          ★ {t("sendReviewLink")}
        </Button>
      )}
      {send.message && <Notice tone={send.message.tone}>{send.message.text}</Notice>}
    </div>
  );
}
