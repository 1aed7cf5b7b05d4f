"use client";

import { useState } from "react";
import { eraseCustomerAction, exportCustomerAction } from "@/app/(app)/inbox/[conversationId]/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { commonMessages } from "@/lib/i18n/messages/common";
import { inboxMessages } from "@/lib/i18n/messages/inbox";

/** For admins: export what is held about the customer, or erase it (after a confirmation). */
export function CustomerPrivacyPanel({ customerId, conversationId }: { customerId: string; conversationId: string }) {
  const { t } = useTranslator(inboxMessages);
  const { t: common } = useTranslator(commonMessages);
  const [exportId, setExportId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const exporting = useServerAction(exportCustomerAction);
  const erasing = useServerAction(eraseCustomerAction);
  return (
    <div className="space-y-2">
      {exporting.message && <Notice tone={exporting.message.tone}>{exporting.message.text}</Notice>}
      <span className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" className="px-2 py-1 text-xs" pending={exporting.pending} onClick={() => exporting.run({ customerId }, ({ requestId }) => (setExportId(requestId), t("exportReady")))}>
          {t("exportCustomerData")}
        </Button>
        {exportId && (
          <a className="text-xs text-brand-700 underline" href={`/api/privacy-requests/${exportId}/export`} download>
            {t("downloadExport")}
          </a>
        )}
      </span>
      {!confirming ? (
        <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => setConfirming(true)}>
          {t("eraseCustomerAsk")}
        </Button>
      ) : (
        <div className="space-y-1" role="group" aria-label={t("eraseCustomerAsk")}>
          {erasing.message && <Notice tone={erasing.message.tone}>{erasing.message.text}</Notice>}
          <p className="text-xs">{t("eraseCustomerConfirm")}</p>
          <span className="inline-flex gap-2">
            <Button variant="danger" className="px-2 py-1 text-xs" pending={erasing.pending} onClick={() => erasing.run({ customerId, conversationId }, () => setConfirming(false))}>
              {t("eraseCustomer")}
            </Button>
            <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => setConfirming(false)}>
              {common("cancel")}
            </Button>
          </span>
        </div>
      )}
    </div>
  );
}
