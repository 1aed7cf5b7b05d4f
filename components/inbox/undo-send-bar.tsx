"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { inboxMessages } from "@/lib/i18n/messages/inbox";

/**
 * "Sending in 4 s · Undo" while a reply is held on the server. When the time is up the page
 * refreshes to show it sent (the server sends it even if this page is closed).
 */
export function UndoSendBar({
  text,
  sendsAt,
  pending,
  onUndo,
  onGone,
}: {
  text: string;
  sendsAt: number;
  pending: boolean;
  onUndo: () => void;
  /** The delay is over: the reply is the server's now. */
  onGone: () => void;
}) {
  const { t } = useTranslator(inboxMessages);
  const router = useRouter();
  const [now, setNow] = useState(() => Date.now());
  const left = Math.max(0, Math.ceil((sendsAt - now) / 1000));

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (left > 0 || pending) return;
    // A moment after the send, so the thread shows it sent.
    const timer = setTimeout(() => {
      onGone();
      router.refresh();
    }, 1_500);
    return () => clearTimeout(timer);
  }, [left, pending, onGone, router]);

  return (
    <div
      data-testid="undo-send"
      className="ml-8 flex flex-wrap items-center gap-3 rounded-lg border border-brand-100 bg-brand-50 p-3 text-sm"
    >
      <p className="min-w-0 flex-1">
        <span className="font-medium" role="status">
          {left > 0 ? t("sendingIn", { seconds: left }) : t("sending")}
        </span>
        <span className="mt-1 block truncate text-stone-600">{text}</span>
      </p>
      {left > 0 && (
        <Button variant="secondary" className="px-2 py-1 text-xs" pending={pending} onClick={onUndo}>
          {t("undoSend")}
        </Button>
      )}
    </div>
  );
}
