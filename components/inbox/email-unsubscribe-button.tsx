"use client";

import { useState } from "react";
import { unsubscribeEmailAction } from "@/app/(app)/inbox/[conversationId]/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { commonMessages } from "@/lib/i18n/messages/common";
import { inboxMessages } from "@/lib/i18n/messages/inbox";

/** For a person to act on an "unsubscribe me" the app would not act on alone (an unverified sender). */
export function EmailUnsubscribeButton({ conversationId }: { conversationId: string }) {
  const { t } = useTranslator(inboxMessages);
  const { t: common } = useTranslator(commonMessages);
  const [confirming, setConfirming] = useState(false);
  const action = useServerAction(unsubscribeEmailAction);
  if (!confirming) {
    return (
      <Button variant="secondary" className="mt-1 px-2 py-1 text-xs" onClick={() => setConfirming(true)}>
        {t("unsubscribeEmailAsk")}
      </Button>
    );
  }
  return (
    <div className="mt-1 space-y-1" role="group" aria-label={t("unsubscribeEmailAsk")}>
      {action.message && <Notice tone={action.message.tone}>{action.message.text}</Notice>}
      <p className="text-xs">{t("unsubscribeEmailConfirm")}</p>
      <span className="inline-flex gap-2">
        <Button variant="danger" className="px-2 py-1 text-xs" pending={action.pending} onClick={() => action.run({ conversationId }, () => setConfirming(false))}>
          {t("unsubscribeEmail")}
        </Button>
        <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => setConfirming(false)}>
          {common("cancel")}
        </Button>
      </span>
    </div>
  );
}
