"use client";

import {
  useCallback,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  useTransition,
  type FormEvent,
  type KeyboardEvent as ReactKeyboardEvent,
} from "react";
import { addNoteAction, sendReplyAction, undoReplyAction } from "@/app/(app)/inbox/[conversationId]/actions";
import { UndoSendBar } from "@/components/inbox/undo-send-bar";
import { AttachButton, AttachmentChips, useReplyAttachments } from "@/components/inbox/reply-attachments";
import { FormatToolbar } from "@/components/inbox/format-toolbar";
import { SuggestReplyButton } from "@/components/ai/suggest-reply-button";
import { useReplying } from "@/components/inbox/conversation-live";
import { VoiceWarnings } from "@/components/templates/voice-warnings";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { formatDateTime } from "@/lib/i18n/format";
import { useViewerTimeZone } from "@/components/i18n/time-zone-provider";
import { inboxMessages } from "@/lib/i18n/messages/inbox";
import { mentionBeingTyped, teammatesMatching } from "@/lib/notifications/mentions";
import { savedRepliesMatching, savedReplyBeingTyped } from "@/lib/saved-replies/saved-reply-search";
import { errorMessages } from "@/lib/i18n/messages/errors";
import { CHANNEL_LABEL, CHANNEL_TRAITS, isShopChannel, textSize, type Channel } from "@/lib/channels/channels";
import { shownChannels, type ChannelAvailability, type ChannelBlock } from "@/lib/inbox/reply-channels";
import type { NewerMessage } from "@/lib/inbox/send-staff-reply";
import { smsSize } from "@/lib/sms/sms-segments";
import { fillKnownVariables, type TemplateValues } from "@/lib/templates/render-template";

type Mode = "reply" | "note";
type Attempt =
  | { status: "idle" }
  | { status: "sending"; text: string; channel: Channel }
  | { status: "failed" | "unknown"; text: string; channel: Channel; error: string }
  /** Sent to the server, held there for Undo until sendsAt. */
  | { status: "held"; text: string; channel: Channel; messageId: string; sendsAt: number };

type Props = {
  conversationId: string;
  latestMessageId: string | null;
  channels: ChannelAvailability;
  defaultChannel: Channel | null;
  /** The team's saved replies, the customer's language first: "#" looks them up. */
  savedReplies: { id: string; name: string; folder: string; body: string; locale: string }[];
  values: TemplateValues;
  /** The language the customer reads, for the voice hints. */
  customerLocale: "en" | "fr";
  aiConfigured: boolean;
  /** Appended under an email reply when it is sent (lib/inbox/staff-signature.ts). */
  signature: string;
  /** Who a note can @mention (the other active teammates). */
  teammates: { id: string; name: string }[];
};

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.isContentEditable);

const DRAFT_EVENT = "reply-inbox:draft";

/** A draft survives a reload or a crash: it lives in the browser's storage until it is sent. */
function useDraft(key: string) {
  const subscribe = useCallback((onChange: () => void) => {
    window.addEventListener("storage", onChange);
    window.addEventListener(DRAFT_EVENT, onChange);
    return () => {
      window.removeEventListener("storage", onChange);
      window.removeEventListener(DRAFT_EVENT, onChange);
    };
  }, []);
  const text = useSyncExternalStore(
    subscribe,
    () => window.localStorage.getItem(key) ?? "",
    () => "",
  );
  const update = useCallback(
    (value: string) => {
      if (value) window.localStorage.setItem(key, value);
      else window.localStorage.removeItem(key);
      window.dispatchEvent(new Event(DRAFT_EVENT));
    },
    [key],
  );
  return [text, update] as const;
}

/**
 * Reply by email or SMS, or write an internal note. Sending shows the message at once; a failure
 * keeps the text and offers a retry that cannot send twice; if someone wrote meanwhile, the agent
 * sees it before anything goes out. Keys: r reply, n note, Ctrl/⌘+Enter send.
 */
const SEND_LABEL = {
  email: "sendEmail",
  sms: "sendSms",
  messenger: "sendMessenger",
  instagram: "sendInstagram",
} as const satisfies Record<Channel, string>;

export function ReplyComposer({
  conversationId,
  latestMessageId,
  channels,
  defaultChannel,
  savedReplies,
  values,
  customerLocale,
  aiConfigured,
  signature,
  teammates,
}: Props) {
  const { t, locale } = useTranslator(inboxMessages);
  const timeZone = useViewerTimeZone();
  const { t: te } = useTranslator(errorMessages);
  const { setReplying } = useReplying();
  const [mode, setMode] = useState<Mode>("reply");
  const [channel, setChannel] = useState<Channel | null>(defaultChannel);
  const [undoError, setUndoError] = useState<string | null>(null);
  const [reply, setReply] = useDraft(`reply-inbox:draft:${conversationId}:reply`);
  const [note, setNote] = useDraft(`reply-inbox:draft:${conversationId}:note`);
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  // The newest message on screen when the agent started this reply.
  const baseline = useRef<string | null>(null);
  const [attempt, setAttempt] = useState<Attempt>({ status: "idle" });
  const [stale, setStale] = useState<NewerMessage[] | null>(null);
  const [noteResult, setNoteResult] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const attachments = useReplyAttachments();

  const text = mode === "reply" ? reply : note;
  useEffect(() => setReplying(mode === "reply" && reply.trim().length > 0), [mode, reply, setReplying]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (isTyping(event.target) || event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === "r" || event.key === "n") {
        event.preventDefault();
        setMode(event.key === "r" ? "reply" : "note");
        textarea.current?.focus();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  function edit(value: string) {
    if (mode === "note") return setNote(value);
    if (!reply && value) baseline.current = latestMessageId;
    // A changed text is a new reply: a retry must never send the old one under the new words.
    if ((attempt.status === "failed" || attempt.status === "unknown") && value !== attempt.text) {
      setRequestId(crypto.randomUUID());
      setAttempt({ status: "idle" });
    }
    setReply(value);
  }

  /** Puts a saved reply, filled for this customer, in place of the "#search" typed before the caret. */
  function insertSavedReply(id: string, typed: { start: number; end: number }) {
    const saved = savedReplies.find((c) => c.id === id);
    if (!saved) return;
    const filled = fillKnownVariables(saved.body, values);
    const before = reply.slice(0, typed.start) + filled;
    edit(before + reply.slice(typed.end));
    setCaret(before.length);
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(before.length, before.length);
    });
  }

  /** The "Saved replies" button: a "#" at the caret opens the search, as typing it would. */
  function startSavedReplySearch() {
    const area = textarea.current;
    const at = area?.selectionStart ?? reply.length;
    const needsSpace = at > 0 && !/\s/.test(reply[at - 1]!);
    const before = `${reply.slice(0, at)}${needsSpace ? " " : ""}#`;
    setMode("reply");
    edit(before + reply.slice(at));
    setCaret(before.length);
    setDismissedAt(null);
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(before.length, before.length);
    });
  }

  function send(sendAnyway = false) {
    if (!channel) return;
    const sending = reply;
    setStale(null);
    setAttempt({ status: "sending", text: sending, channel });
    startTransition(async () => {
      try {
        const result = await sendReplyAction({
          conversationId,
          channel,
          text: sending,
          clientRequestId: requestId,
          seenUpToMessageId: baseline.current ?? latestMessageId,
          sendAnyway,
          attachmentIds: attachments.ready.map((file) => file.id),
        });
        if (!result.ok)
          return setAttempt({
            status: "failed",
            text: sending,
            channel,
            error: result.fieldErrors?.text?.[0] ?? result.error,
          });
        const outcome = result.data;
        if (outcome.outcome === "stale") {
          setAttempt({ status: "idle" });
          return setStale(outcome.newer);
        }
        if (outcome.outcome === "held") {
          setAttempt({
            status: "held",
            text: sending,
            channel,
            messageId: outcome.messageId,
            sendsAt: new Date(outcome.sendsAt).getTime(),
          });
          setReply("");
          attachments.reset();
          setRequestId(crypto.randomUUID());
          baseline.current = null;
          return;
        }
        if (outcome.outcome === "sent") {
          setAttempt({ status: "idle" });
          setReply("");
          attachments.reset();
          setRequestId(crypto.randomUUID());
          baseline.current = null;
          return;
        }
        if (outcome.outcome === "unknown")
          return setAttempt({
            status: "unknown",
            text: sending,
            channel,
            error: t(outcome.reason === "no_answer" ? "sendNoAnswer" : "sendInProgress"),
          });
        setAttempt({ status: "failed", text: sending, channel, error: outcome.error });
      } catch {
        setAttempt({ status: "failed", text: sending, channel, error: t("serverUnreachable") });
      }
    });
  }

  function undo() {
    if (attempt.status !== "held") return;
    const held = attempt;
    setUndoError(null);
    startTransition(async () => {
      try {
        const result = await undoReplyAction({ conversationId, messageId: held.messageId });
        setAttempt({ status: "idle" });
        if (!result.ok) return setUndoError(result.error);
        // The text back in the composer, before anything typed since.
        setMode("reply");
        setChannel(held.channel);
        setReply(reply.trim() ? `${held.text}\n\n${reply}` : held.text);
        attachments.reset([...result.data, ...attachments.ready]);
      } catch {
        setUndoError(t("serverUnreachable"));
      }
    });
  }

  function saveNote() {
    const saving = note;
    setNoteResult(null);
    startTransition(async () => {
      try {
        const result = await addNoteAction({ conversationId, text: saving });
        if (result.ok) {
          setNote("");
          setNoteResult({ tone: "success", text: t("noteAdded") });
        } else setNoteResult({ tone: "error", text: result.fieldErrors?.text?.[0] ?? result.error });
      } catch {
        setNoteResult({ tone: "error", text: t("serverUnreachable") });
      }
    });
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (mode === "note") saveNote();
    else send();
  }

  // What is being looked up before the caret: "@name" in a note (teammates), "#words" in a reply
  // (saved replies). One list of suggestions, picked with the arrows and Enter, or the mouse.
  const [caret, setCaret] = useState(0);
  const [activeSuggestion, setActiveSuggestion] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const typing = mode === "note" ? mentionBeingTyped(note, caret) : savedReplyBeingTyped(reply, caret);
  const suggestions: { id: string; label: string; detail?: string }[] =
    !typing || typing.start === dismissedAt
      ? []
      : mode === "note"
        ? teammatesMatching(typing.query, teammates).map((teammate) => ({
            id: teammate.id,
            label: `@${teammate.name}`,
          }))
        : savedRepliesMatching(typing.query, savedReplies).map((saved) => ({
            id: saved.id,
            label: saved.name,
            detail: [saved.folder, saved.locale.toUpperCase()].filter(Boolean).join(" · "),
          }));
  const highlighted = Math.min(activeSuggestion, Math.max(suggestions.length - 1, 0));

  function pickSuggestion(id: string) {
    if (!typing) return;
    setDismissedAt(typing.start);
    if (mode === "reply") return insertSavedReply(id, { start: typing.start, end: caret });
    const name = teammates.find((teammate) => teammate.id === id)?.name;
    if (!name) return;
    const before = `${note.slice(0, typing.start)}@${name} `;
    setNote(before + note.slice(caret));
    setCaret(before.length);
    requestAnimationFrame(() => textarea.current?.setSelectionRange(before.length, before.length));
  }

  function onTextKey(event: ReactKeyboardEvent<HTMLTextAreaElement>) {
    if (suggestions.length > 0) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        return setActiveSuggestion((highlighted + step + suggestions.length) % suggestions.length);
      }
      if ((event.key === "Enter" && !event.metaKey && !event.ctrlKey) || event.key === "Tab") {
        event.preventDefault();
        return pickSuggestion(suggestions[highlighted]!.id);
      }
    }
    if (event.key === "Escape" && typing && typing.start !== dismissedAt) return setDismissedAt(typing.start);
    if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) onSubmit(event);
    if (event.key === "Escape") textarea.current?.blur();
  }

  const size = channel === "sms" && mode === "reply" ? smsSize(reply) : null;
  // Messenger and Instagram take plain text up to a limit: characters on Messenger, bytes on Instagram.
  const textLimit = channel && mode === "reply" ? CHANNEL_TRAITS[channel].textLimit : null;
  const textLength = textLimit ? textSize(textLimit, reply) : 0;
  const blocked = mode === "reply" && !channel;
  return (
    <section
      aria-label={t("composer")}
      className={`space-y-3 rounded-lg border p-4 ${mode === "note" ? "border-amber-300 bg-amber-50" : "border-stone-200 bg-white"}`}
    >
      {attempt.status === "held" && (
        <UndoSendBar
          text={attempt.text}
          sendsAt={attempt.sendsAt}
          pending={pending}
          onUndo={undo}
          onGone={() => setAttempt({ status: "idle" })}
        />
      )}
      {undoError && <Notice tone="error">{undoError}</Notice>}
      {attempt.status !== "idle" && attempt.status !== "held" && (
        <div
          data-testid="optimistic-reply"
          className={`ml-8 rounded-lg border p-3 text-sm ${attempt.status === "sending" ? "border-brand-100 bg-brand-50 opacity-70" : "border-red-200 bg-red-50"}`}
        >
          <p className="mb-1 text-xs text-stone-600">
            {t(CHANNEL_LABEL[attempt.channel])} ·{" "}
            {attempt.status === "sending"
              ? t("sending")
              : attempt.status === "unknown"
                ? t("sendUnknown")
                : t("sendFailed")}
          </p>
          <p className="whitespace-pre-wrap">{attempt.text}</p>
          {attempt.status !== "sending" && (
            <div className="mt-2 space-y-2">
              <p role="alert" className="text-xs text-red-800">
                {attempt.error}
              </p>
              <Button type="button" variant="secondary" onClick={() => send()} disabled={pending}>
                {t("retry")}
              </Button>
            </div>
          )}
        </div>
      )}

      {stale && (
        <div
          role="alert"
          data-testid="stale-warning"
          className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
        >
          <p className="font-medium">{t("staleTitle", { count: stale.length })}</p>
          <ul className="space-y-1">
            {stale.map((m) => (
              <li key={m.id} className="rounded bg-white/70 p-2">
                <span className="text-xs text-stone-600">
                  {m.from} · {t(CHANNEL_LABEL[m.channel])} · {formatDateTime(m.createdAt, locale, timeZone)}
                </span>
                <p className="whitespace-pre-wrap">{m.text}</p>
              </li>
            ))}
          </ul>
          <div className="flex gap-2">
            <Button type="button" onClick={() => send(true)} pending={pending}>
              {t("sendAnyway")}
            </Button>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                baseline.current = stale.at(-1)?.id ?? baseline.current;
                setStale(null);
                textarea.current?.focus();
              }}
            >
              {t("editFirst")}
            </Button>
          </div>
        </div>
      )}

      <form onSubmit={onSubmit} className="space-y-2">
        <div role="tablist" aria-label={t("composerMode")} className="flex flex-wrap gap-1">
          {(["reply", "note"] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="tab"
              aria-selected={mode === m}
              onClick={() => setMode(m)}
              className={`rounded-md px-3 py-1 text-sm ${mode === m ? (m === "note" ? "bg-amber-200 text-amber-950" : "bg-brand-600 text-white") : "text-stone-700 hover:bg-stone-100"}`}
            >
              {m === "reply" ? t("modeReply") : t("modeNote")}
            </button>
          ))}
          {mode === "reply" && (
            <fieldset className="ml-auto flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
              <legend className="sr-only">{t("replyChannel")}</legend>
              {shownChannels(channels).map((c) => {
                const availability = channels[c]!;
                return (
                  <label
                    key={c}
                    className={`flex items-center gap-1 whitespace-nowrap ${availability.allowed ? "" : "text-stone-400"}`}
                    title={availability.allowed ? undefined : te(`channel_${availability.reason}`)}
                  >
                    <input
                      type="radio"
                      name="reply-channel"
                      value={c}
                      checked={channel === c}
                      disabled={!availability.allowed}
                      onChange={() => setChannel(c)}
                    />
                    {t(CHANNEL_LABEL[c])}
                  </label>
                );
              })}
            </fieldset>
          )}
        </div>
        {mode === "reply" && !shownChannels(channels).some((c) => channels[c]?.allowed) && (
          <Notice tone="warning">
            {t("noChannel")}{" "}
            {shownChannels(channels)
              .map((c) => channels[c])
              .map((state) => (state && !state.allowed ? te(`channel_${state.reason}`) : ""))
              .join(" ")}
          </Notice>
        )}
        {mode === "reply" &&
          channel &&
          isShopChannel(channel) &&
          !channels[channel === "email" ? "sms" : "email"].allowed && (
            <p className="text-xs text-stone-500">
              {t("otherChannelUnavailable", {
                reason: te(
                  `channel_${(channels[channel === "email" ? "sms" : "email"] as { reason: ChannelBlock }).reason}`,
                ),
              })}
            </p>
          )}
        <label
          htmlFor="composer-text"
          className={`block text-xs font-medium ${mode === "note" ? "text-amber-800" : "text-stone-700"}`}
        >
          {mode === "note" ? t("noteLabel") : t("replyLabel")}
        </label>
        {mode === "reply" && channel === "email" && <FormatToolbar textarea={textarea} text={reply} onChange={edit} />}
        <textarea
          id="composer-text"
          ref={textarea}
          value={text}
          onChange={(event) => {
            edit(event.target.value);
            setCaret(event.target.selectionStart);
            setActiveSuggestion(0);
          }}
          onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
          onKeyDown={onTextKey}
          aria-autocomplete="list"
          aria-controls={suggestions.length ? "composer-suggestions" : undefined}
          aria-activedescendant={suggestions.length ? `suggestion-${suggestions[highlighted]!.id}` : undefined}
          rows={6}
          className={`block w-full rounded-md border px-3 py-2 text-sm ${mode === "note" ? "border-amber-300 bg-white" : "border-stone-300"}`}
        />
        {suggestions.length > 0 && (
          <ul
            id="composer-suggestions"
            role="listbox"
            aria-label={mode === "note" ? t("mentionTeammate") : t("savedReplies")}
            className="w-80 max-w-full overflow-hidden rounded-md border border-stone-200 bg-white text-sm shadow-md"
          >
            {suggestions.map((suggestion, index) => (
              <li
                key={suggestion.id}
                id={`suggestion-${suggestion.id}`}
                role="option"
                aria-selected={index === highlighted}
                // Before the textarea loses focus, so the caret is still where the text goes.
                onMouseDown={(event) => {
                  event.preventDefault();
                  pickSuggestion(suggestion.id);
                }}
                className={`flex cursor-pointer items-baseline justify-between gap-2 px-3 py-1.5 ${index === highlighted ? "bg-brand-50 text-brand-800" : ""}`}
              >
                <span className="truncate">{suggestion.label}</span>
                {suggestion.detail && <span className="shrink-0 text-xs text-stone-500">{suggestion.detail}</span>}
              </li>
            ))}
          </ul>
        )}
        {mode === "reply" && typing && typing.start !== dismissedAt && suggestions.length === 0 && (
          <p role="status" className="text-xs text-stone-500">
            {savedReplies.length === 0 ? t("noSavedReplies") : t("noSavedReplyMatches", { query: typing.query })}
          </p>
        )}
        {mode === "reply" && <AttachmentChips attachments={attachments} />}
        {mode === "reply" && channel === "email" && signature && (
          <div data-testid="composer-signature" className="text-xs text-stone-500">
            <p>{t("signatureLabel")}</p>
            <p className="whitespace-pre-line rounded border border-dashed border-stone-200 bg-stone-50 px-3 py-1.5 text-stone-700">
              {signature}
            </p>
          </div>
        )}
        {size && (
          <p data-testid="sms-counter" className="text-xs text-stone-600">
            {t("smsCounter", { characters: size.units, segments: size.segments, encoding: size.encoding })}
          </p>
        )}
        {textLimit && (
          <p
            data-testid="chat-counter"
            className={`text-xs ${textLength > textLimit.max ? "text-red-700" : "text-stone-600"}`}
          >
            {t(textLimit.unit === "bytes" ? "chatBytes" : "chatLength", { length: textLength, max: textLimit.max })}
          </p>
        )}
        {size?.encoding === "UCS-2" && (
          <p role="status" className="text-xs text-amber-800">
            {t("ucs2Warning", { characters: size.nonGsmCharacters.join(" ") })}
          </p>
        )}
        {mode === "reply" && /\{\{\s*reviewLink/.test(reply) && (
          <p className="text-xs text-stone-500">{t("reviewLinkPlaceholder")}</p>
        )}
        {mode === "reply" && reply.trim().length > 20 && channel && (
          <VoiceWarnings text={reply} locale={customerLocale} channel={channel} purpose="reply" hideWhenClean />
        )}
        <div className="flex flex-wrap items-center gap-2">
          {mode === "reply" ? (
            <Button
              type="submit"
              pending={pending && attempt.status === "sending"}
              disabled={
                blocked ||
                !reply.trim() ||
                attachments.uploading ||
                attempt.status === "failed" ||
                attempt.status === "unknown"
              }
            >
              {t(SEND_LABEL[channel ?? "email"])}
            </Button>
          ) : (
            <Button type="submit" variant="secondary" pending={pending} disabled={!note.trim()}>
              {t("addNote")}
            </Button>
          )}
          {mode === "reply" && <AttachButton attachments={attachments} disabled={blocked} />}
          {mode === "reply" && (
            <button
              type="button"
              onClick={startSavedReplySearch}
              title={t("savedRepliesHint")}
              className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm hover:bg-stone-100"
            >
              # {t("savedReplies")}
            </button>
          )}
          {mode === "reply" && (
            <SuggestReplyButton
              aiConfigured={aiConfigured}
              conversationId={conversationId}
              channel={channel ?? undefined}
              onDraft={({ text: suggested }) => edit(suggested)}
            />
          )}
          <span className="text-xs text-stone-500">{t("composerKeys")}</span>
        </div>
        {mode === "note" && noteResult && <Notice tone={noteResult.tone}>{noteResult.text}</Notice>}
      </form>
    </section>
  );
}
