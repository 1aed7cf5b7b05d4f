"use client";

import { unsubscribeEmailAction } from "@/app/(app)/inbox/[conversationId]/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { inboxMessages } from "@/lib/i18n/messages/inbox";

/** For a person to act on an "unsubscribe me" the app would not act on alone (an unverified sender). */
export function EmailUnsubscribeButton({ conversationId }: { conversationId: string }) {
  const { t } = useTranslator(inboxMessages);
  return (
    <ConfirmAction
      className="mt-1"
      label={t("unsubscribeEmailAsk")}
      question={t("unsubscribeEmailConfirm")}
      confirmLabel={t("unsubscribeEmail")}
      action={unsubscribeEmailAction}
      input={{ conversationId }}
    />
  );
}
