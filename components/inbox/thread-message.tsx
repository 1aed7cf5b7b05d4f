import { CHANNEL_LABEL, CHANNEL_MARK } from "@/lib/channels/channels";
import { RichText } from "@/components/i18n/rich-text";
import { MessageBody } from "@/components/inbox/message-body";
import { MessageLabels } from "@/components/inbox/message-labels";
import { PaperclipIcon } from "@/components/ui/icons";
import { CONFIDENT_INTENT } from "@/lib/classification/confidence";
import { formatDateTime } from "@/lib/i18n/format";
import { stepLabel } from "@/lib/i18n/labels";
import { formatFileSize } from "@/lib/i18n/numbers";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { inboxMessages } from "@/lib/i18n/messages/inbox";
import type { ConversationDetail } from "@/lib/inbox/get-conversation";

const STATUS_STYLE: Record<string, string> = {
  delivered: "text-emerald-700",
  failed: "text-red-700",
  sent: "text-stone-600",
  queued: "text-stone-500",
  sending: "text-amber-700",
  received: "text-stone-500",
};

/** One message of the thread: who wrote it, on which channel, automatic or not, and its delivery. */
export async function ThreadMessage({
  message,
  customerName,
}: {
  message: ConversationDetail["messages"][number];
  customerName: string;
}) {
  const { t, locale } = await getTranslator(inboxMessages);
  const timeZone = await viewerTimeZone();
  const automatic = message.authorType === "automation";
  const outbound = message.direction === "outbound";
  const note = message.isInternalNote;
  const author = outbound ? (automatic ? t("automatic") : (message.authorUser?.name ?? t("staff"))) : customerName;
  return (
    <li
      id={`message-${message.id}`}
      data-testid="thread-message"
      className={`scroll-mt-4 rounded-lg border p-4 target:ring-2 target:ring-brand-600 ${note ? "border-dashed border-amber-400 bg-amber-50" : outbound ? "ml-8 border-brand-100 bg-brand-50" : "mr-8 border-stone-200 bg-white"}`}
    >
      <p className="mb-2 flex flex-wrap gap-2 text-xs text-stone-600">
        <span className="font-medium text-stone-800" data-testid="message-author">
          {author}
        </span>
        {/* A note goes nowhere: no channel, no delivery, just who wrote it and when. */}
        {note ? (
          <>
            <span className="rounded bg-amber-200 px-1.5 text-amber-950" data-testid="internal-note">
              {message.forwardedTo ? t("forwardedTo", { address: message.forwardedTo }) : t("internalNote")}
            </span>
            {message.forwardedTo && (
              <span className={STATUS_STYLE[message.deliveryStatus]} data-testid="delivery-status">
                {t(`delivery_${message.deliveryStatus}`)}
                {message.deliveryError && `: ${message.deliveryError}`}
              </span>
            )}
            <time dateTime={message.createdAt.toISOString()} data-testid="message-time">
              {formatDateTime(message.createdAt, locale, timeZone)}
            </time>
          </>
        ) : (
          <>
            <span data-testid="message-channel">{`${CHANNEL_MARK[message.channel]} ${t(CHANNEL_LABEL[message.channel])}`}</span>
            <span>
              <RichText
                text={t(outbound ? "sentAt" : "receivedAt")}
                values={{
                  time: (
                    <time dateTime={message.createdAt.toISOString()} data-testid="message-time">
                      {formatDateTime(message.createdAt, locale, timeZone)}
                    </time>
                  ),
                }}
              />
            </span>
          </>
        )}
        {automatic && message.scheduledMessage && (
          <span className="rounded bg-stone-100 px-1.5">
            {t(`flow_${message.scheduledMessage.flow}`)} · {stepLabel(message.scheduledMessage.step, locale)}
          </span>
        )}
        {outbound && !note && (
          <span className={STATUS_STYLE[message.deliveryStatus]} data-testid="delivery-status">
            {t(`delivery_${message.deliveryStatus}`)}
            {message.deliveryError && `: ${message.deliveryError}`}
          </span>
        )}
        {!outbound &&
          message.channel === "email" &&
          (message.senderCheck === "fail" || message.senderCheck === "none") && (
            <span
              className="rounded bg-red-50 px-1.5 text-red-800"
              title={t("senderNotVerifiedHelp")}
              data-testid="sender-not-verified"
            >
              ⚠ {t("senderNotVerified")}
            </span>
          )}
        {!outbound && message.intent && message.sentiment && (
          <MessageLabels
            messageId={message.id}
            labels={{ intent: message.intent, sentiment: message.sentiment, frictionHint: message.frictionHint }}
            corrected={message.classifiedBy === "agent"}
            unsure={message.classificationConfidence !== null && message.classificationConfidence < CONFIDENT_INTENT}
          />
        )}
      </p>
      {message.subject && message.channel === "email" && <p className="mb-1 text-sm font-medium">{message.subject}</p>}
      <MessageBody text={message.textBody} strippedText={message.strippedText} html={message.html} />
      {message.attachments.length > 0 && (
        <ul className="mt-2 text-xs text-stone-600">
          {message.attachments.map((a) => (
            <li key={a.id} data-testid="message-attachment">
              <PaperclipIcon />{" "}
              {a.droppedReason ? (
                a.filename
              ) : (
                // Saved, never opened in the app's origin as a page: see downloadHeaders.
                <a href={`/api/attachments/${a.id}`} download className="text-brand-700 underline">
                  {a.filename}
                </a>
              )}
              {/* Kept by URL until first opened (Messenger, Instagram): no size known yet. */}
              {a.size > 0 && ` (${formatFileSize(a.size, locale)})`}
              {a.droppedReason && ` · ${t("attachmentDropped", { reason: a.droppedReason })}`}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
