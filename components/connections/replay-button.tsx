"use client";

import { replayWebhookAction } from "@/app/(app)/connections/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { connectionsMessages } from "@/lib/i18n/messages/connections";

/** Replays a delivery that failed while applied, after a confirmation; the row then says what came of it. */
export function ReplayButton({ failureId }: { failureId: string }) {
  const { t } = useTranslator(connectionsMessages);
  return (
    <ConfirmAction
      label={t("replay")}
      question={t("replayConfirm")}
      confirmLabel={t("replayNow")}
      action={replayWebhookAction}
      input={{ failureId }}
    />
  );
}
