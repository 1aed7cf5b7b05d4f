"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/ui/use-server-action";
import { replyAsCustomerAction } from "@/app/(app)/outbox/actions";
import { inboxMessages } from "@/lib/i18n/messages/inbox";
import { outboxMessages } from "@/lib/i18n/messages/outbox";

type Canned = { happy: string; problem: string; stop: string | null };

/** "Reply as the customer": a ready answer or one's own words, through the real inbound path. */
export function CustomerReplyForm({
  outboxMessageId,
  title,
  canned,
}: {
  outboxMessageId: string;
  title: string;
  canned: Canned;
}) {
  const { t } = useTranslator(outboxMessages);
  const { t: ti } = useTranslator(inboxMessages);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [conversationId, setConversationId] = useState<string | null>(null);
  const { run, pending, fieldErrors, message } = useServerAction(replyAsCustomerAction);
  const id = useId();

  if (!open) {
    return (
      <Button type="button" variant="secondary" className="text-xs" onClick={() => setOpen(true)}>
        {title}
      </Button>
    );
  }
  const presets = [
    ["replyHappy", canned.happy],
    ["replyProblem", canned.problem],
    ...(canned.stop ? [["replyStop", canned.stop] as const] : []),
  ] as const;
  return (
    <form
      className="w-full max-w-xl space-y-2"
      aria-label={title}
      onSubmit={(event) => {
        event.preventDefault();
        run({ outboxMessageId, text }, (result) => {
          setConversationId(result.conversationId);
          setText("");
          const labels =
            result.labels.sentiment && result.labels.intent
              ? t("received", {
                  sentiment: ti(`sentiment_${result.labels.sentiment}` as "sentiment_positive"),
                  intent: ti(`intent_${result.labels.intent}` as "intent_praise"),
                })
              : t("receivedNoLabels");
          return result.answer ? `${labels} ${t("receivedAnswer")}` : labels;
        });
      }}
    >
      <p className="text-sm font-medium">{title}</p>
      <div className="flex flex-wrap gap-2">
        {presets.map(([key, value]) => (
          <button
            key={key}
            type="button"
            className="rounded-full border border-stone-300 px-3 py-1 text-xs hover:bg-stone-100"
            onClick={() => setText(value)}
          >
            {t(key)}
          </button>
        ))}
      </div>
      <label htmlFor={id} className="sr-only">
        {t("replyLabel")}
      </label>
      <textarea
        id={id}
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={3}
        className="w-full rounded-md border border-stone-300 px-3 py-2 text-sm"
        placeholder={t("replyLabel")}
        aria-invalid={fieldErrors.text ? true : undefined}
        aria-describedby={fieldErrors.text ? `${id}-error` : undefined}
      />
      {fieldErrors.text && (
        <p id={`${id}-error`} className="text-xs text-red-700">
          {fieldErrors.text}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" pending={pending}>
          {pending ? t("sending") : t("send")}
        </Button>
        {message && (
          <p
            role={message.tone === "error" ? "alert" : "status"}
            className={`text-xs ${message.tone === "error" ? "text-red-700" : "text-emerald-800"}`}
            data-testid="customer-reply-status"
          >
            {message.text}{" "}
            {message.tone === "success" && conversationId && (
              <Link className="underline" href={`/inbox/${conversationId}`}>
                {t("openConversation")}
              </Link>
            )}
          </p>
        )}
      </div>
    </form>
  );
}
