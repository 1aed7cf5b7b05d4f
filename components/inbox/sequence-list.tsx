"use client";

import { pauseScheduledAction, resumeScheduledAction } from "@/app/(app)/inbox/[conversationId]/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { useServerAction } from "@/components/ui/use-server-action";
import { CHANNEL_LABEL, type Channel } from "@/lib/channels/channels";
import { formatDateTimeInZone } from "@/lib/i18n/format";
import { statusReasonLabel, stepLabel } from "@/lib/i18n/labels";
import { inboxMessages } from "@/lib/i18n/messages/inbox";

type Scheduled = {
  id: string;
  flow: string;
  step: string;
  channel: Channel;
  status: string;
  dueAt: Date;
  sentAt: Date | null;
  statusReason: string | null;
};

/** Where the customer is in each sequence: sent, due, paused; pause or resume a step from here. */
export function SequenceList({
  conversationId,
  messages,
  customerZone,
}: {
  conversationId: string;
  messages: Scheduled[];
  customerZone: string;
}) {
  const { t, locale } = useTranslator(inboxMessages);
  const pause = useServerAction(pauseScheduledAction);
  const resume = useServerAction(resumeScheduledAction);
  const error = [pause.message, resume.message].find((m) => m?.tone === "error");
  if (messages.length === 0) return <p className="text-stone-500">{t("nothingScheduled")}</p>;
  return (
    <>
      <ul className="space-y-1">
        {messages.map((m) => (
          <li
            key={m.id}
            data-testid="sequence-step"
            title={m.statusReason ? statusReasonLabel(m.statusReason, locale) : undefined}
          >
            {t(`flow_${m.flow}` as "flow_manual")} · {stepLabel(m.step, locale)} ({t(CHANNEL_LABEL[m.channel])}):{" "}
            <span className="font-medium">{t(`scheduled_${m.status}` as "scheduled_sent")}</span>{" "}
            <span data-testid="sequence-time">
              {formatDateTimeInZone(
                m.status === "sent" && m.sentAt ? m.sentAt : m.dueAt,
                locale,
                customerZone,
                t("customerTime"),
              )}
            </span>
            {m.status === "scheduled" && (
              <button
                type="button"
                className="ml-2 text-xs text-brand-700 underline"
                disabled={pause.pending}
                onClick={() => pause.run({ conversationId, scheduledMessageId: m.id }, () => {})}
              >
                {t("pauseStep")}
              </button>
            )}
            {m.status === "paused" && (
              <button
                type="button"
                className="ml-2 text-xs text-brand-700 underline"
                disabled={resume.pending}
                onClick={() => resume.run({ conversationId, scheduledMessageId: m.id }, () => {})}
              >
                {t("resumeStep")}
              </button>
            )}
            {m.statusReason && m.status !== "sent" && (
              <span className="block text-xs text-stone-500">{statusReasonLabel(m.statusReason, locale)}</span>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="text-xs text-red-700">
          {error.text}
        </p>
      )}
    </>
  );
}
