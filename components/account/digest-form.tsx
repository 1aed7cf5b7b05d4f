"use client";

import { useState, type FormEvent } from "react";
import { saveOwnDigestAction } from "@/app/(app)/account/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { notificationsMessages } from "@/lib/i18n/messages/notifications";

/** The optional daily email of unread notifications (lib/notifications/notification-digest.ts). */
export function DigestForm({ enabled }: { enabled: boolean }) {
  const { t } = useTranslator(notificationsMessages);
  const { run, pending, message } = useServerAction(saveOwnDigestAction);
  const [on, setOn] = useState(enabled);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    run({ emailDigest: on }, () => t("digestSaved"));
  }

  return (
    <section aria-labelledby="digest-title" className="rounded-lg border border-stone-200 bg-white p-5">
      <h2 id="digest-title" className="text-sm font-semibold">
        {t("digestTitle")}
      </h2>
      <form onSubmit={onSubmit} className="mt-3 space-y-3 text-sm">
        {message && <Notice tone={message.tone}>{message.text}</Notice>}
        <label className="flex items-start gap-2">
          <input type="checkbox" checked={on} onChange={(event) => setOn(event.target.checked)} className="mt-1" />
          <span>
            {t("digestLabel")}
            <span className="block text-xs text-stone-500">{t("digestHint")}</span>
          </span>
        </label>
        <Button type="submit" pending={pending}>
          {t("digestSave")}
        </Button>
      </form>
    </section>
  );
}
