"use client";

import { useState } from "react";
import { eraseCustomerAction, exportCustomerAction } from "@/app/(app)/inbox/[conversationId]/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { inboxMessages } from "@/lib/i18n/messages/inbox";

/** For admins: export what is held about the customer, or erase it (after a confirmation). */
export function CustomerPrivacyPanel({ customerId, conversationId }: { customerId: string; conversationId: string }) {
  const { t } = useTranslator(inboxMessages);
  const [exportId, setExportId] = useState<string | null>(null);
  const exporting = useServerAction(exportCustomerAction);
  return (
    <div className="space-y-2">
      {exporting.message && <Notice tone={exporting.message.tone}>{exporting.message.text}</Notice>}
      <span className="flex flex-wrap items-center gap-2">
        <Button
          variant="secondary"
          className="px-2 py-1 text-xs"
          pending={exporting.pending}
          onClick={() => exporting.run({ customerId }, ({ requestId }) => (setExportId(requestId), t("exportReady")))}
        >
          {t("exportCustomerData")}
        </Button>
        {exportId && (
          <a className="text-xs text-brand-700 underline" href={`/api/privacy-requests/${exportId}/export`} download>
            {t("downloadExport")}
          </a>
        )}
      </span>
      <ConfirmAction
        label={t("eraseCustomerAsk")}
        question={t("eraseCustomerConfirm")}
        confirmLabel={t("eraseCustomer")}
        action={eraseCustomerAction}
        input={{ customerId, conversationId }}
      />
    </div>
  );
}
