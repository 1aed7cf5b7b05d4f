"use client";

import Link from "next/link";
import { useMemo, useState, type FormEvent } from "react";
import {
  createSavedReplyAction,
  deleteSavedReplyAction,
  updateSavedReplyAction,
} from "@/app/(app)/saved-replies/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { useViewerTimeZone } from "@/components/i18n/time-zone-provider";
import { VoiceWarnings } from "@/components/templates/voice-warnings";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { formatDateTime } from "@/lib/i18n/format";
import { savedRepliesMessages } from "@/lib/i18n/messages/saved-replies";
import { fold } from "@/lib/saved-replies/saved-reply-search";

type Reply = {
  id: string;
  name: string;
  folder: string;
  body: string;
  locale: "en" | "fr";
  updatedAt: string;
  updatedBy: string | null;
};

/** The team's saved replies: search, by folder, create, edit in place, delete after a confirmation. */
export function SavedRepliesManager({ replies, variables }: { replies: Reply[]; variables: string[] }) {
  const { t } = useTranslator(savedRepliesMessages);
  const [query, setQuery] = useState("");
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const folders = useMemo(() => [...new Set(replies.map((r) => r.folder).filter(Boolean))].sort(), [replies]);
  const shown = useMemo(() => {
    const words = fold(query).split(/\s+/).filter(Boolean);
    return replies.filter((reply) => {
      const haystack = fold(`${reply.folder} ${reply.name} ${reply.body}`);
      return words.every((word) => haystack.includes(word));
    });
  }, [replies, query]);
  const groups = useMemo(() => {
    const byFolder = new Map<string, Reply[]>();
    for (const reply of shown) byFolder.set(reply.folder, [...(byFolder.get(reply.folder) ?? []), reply]);
    return [...byFolder.entries()];
  }, [shown]);

  const done = (text: string) => {
    setEditing(null);
    setNotice(text);
  };

  return (
    <div className="space-y-6">
      <Notice>
        {t("approvalNote")}{" "}
        <Link href="/templates" className="underline">
          {t("templatesLink")}
        </Link>
      </Notice>
      <div className="flex flex-wrap items-end gap-3">
        <label className="min-w-0 flex-1 text-sm">
          <span className="mb-1 block text-xs font-medium text-stone-700">{t("search")}</span>
          <input
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder={t("searchPlaceholder")}
            className="block w-full rounded-md border border-stone-300 px-3 py-2 text-sm"
          />
        </label>
        {editing !== "new" && (
          <Button type="button" onClick={() => (setNotice(null), setEditing("new"))}>
            {t("newReply")}
          </Button>
        )}
      </div>
      {notice && <Notice tone="success">{notice}</Notice>}
      {editing === "new" && (
        <SavedReplyForm
          folders={folders}
          variables={variables}
          onCancel={() => setEditing(null)}
          onSaved={(name) => done(t("created", { name }))}
        />
      )}
      {replies.length === 0 && editing !== "new" && <Notice>{t("empty")}</Notice>}
      {replies.length > 0 && shown.length === 0 && <Notice>{t("noMatch", { query })}</Notice>}
      {groups.map(([folder, items]) => (
        <section key={folder} aria-label={folder || t("noFolder")}>
          <h2 className="mb-2 text-sm font-semibold uppercase text-stone-500">{folder || t("noFolder")}</h2>
          <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white">
            {items.map((reply) =>
              editing === reply.id ? (
                <li key={reply.id} className="p-4">
                  <SavedReplyForm
                    reply={reply}
                    folders={folders}
                    variables={variables}
                    onCancel={() => setEditing(null)}
                    onSaved={(name) => done(t("updated", { name }))}
                  />
                </li>
              ) : (
                <SavedReplyRow key={reply.id} reply={reply} onEdit={() => (setNotice(null), setEditing(reply.id))} />
              ),
            )}
          </ul>
        </section>
      ))}
    </div>
  );
}

function SavedReplyRow({ reply, onEdit }: { reply: Reply; onEdit: () => void }) {
  const { t, locale } = useTranslator(savedRepliesMessages);
  const timeZone = useViewerTimeZone();
  const when = formatDateTime(reply.updatedAt, locale, timeZone);
  return (
    <li data-testid="saved-reply" className="space-y-2 p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-medium">
          {reply.name} <span className="text-xs font-normal text-stone-500">{reply.locale.toUpperCase()}</span>
        </h3>
        <div className="flex items-start gap-2">
          <Button type="button" variant="secondary" className="px-2 py-1 text-xs" onClick={onEdit}>
            {t("edit")}
          </Button>
          <ConfirmAction
            label={t("delete")}
            question={t("deleteQuestion", { name: reply.name })}
            confirmLabel={t("deleteConfirm")}
            action={deleteSavedReplyAction}
            input={{ id: reply.id }}
          />
        </div>
      </div>
      <p className="line-clamp-3 whitespace-pre-line text-sm text-stone-700">{reply.body}</p>
      <p className="text-xs text-stone-500">
        {reply.updatedBy ? t("lastEdit", { when, who: reply.updatedBy }) : t("lastEditNobody", { when })}
      </p>
    </li>
  );
}

function SavedReplyForm({
  reply,
  folders,
  variables,
  onCancel,
  onSaved,
}: {
  reply?: Reply;
  folders: string[];
  variables: string[];
  onCancel: () => void;
  onSaved: (name: string) => void;
}) {
  const { t, locale: uiLocale } = useTranslator(savedRepliesMessages);
  const create = useServerAction(createSavedReplyAction);
  const update = useServerAction(updateSavedReplyAction);
  const running = reply ? update : create;
  const [body, setBody] = useState(reply?.body ?? "");
  const [locale, setLocale] = useState<"en" | "fr">(reply?.locale ?? uiLocale);
  const prefix = reply ? `edit-${reply.id}` : "new";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get(`${prefix}-name`) ?? ""),
      folder: String(form.get(`${prefix}-folder`) ?? ""),
      body,
      locale,
    };
    if (reply) update.run({ ...input, id: reply.id }, (saved) => onSaved(saved.name));
    else create.run(input, (saved) => onSaved(saved.name));
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label={reply ? t("editing", { name: reply.name }) : t("newReply")}
      className="space-y-3 rounded-lg border border-stone-200 bg-white p-4"
    >
      <div className="grid gap-3 sm:grid-cols-[1fr_12rem_10rem]">
        <TextField
          id={`${prefix}-name`}
          label={t("name")}
          defaultValue={reply?.name}
          required
          maxLength={80}
          errors={running.fieldErrors.name}
        />
        <TextField
          id={`${prefix}-folder`}
          label={t("folder")}
          defaultValue={reply?.folder}
          list={`${prefix}-folders`}
          maxLength={40}
          errors={running.fieldErrors.folder}
        />
        <SelectField
          id={`${prefix}-locale`}
          label={t("language")}
          value={locale}
          onChange={(event) => setLocale(event.target.value as "en" | "fr")}
        >
          <option value="en">{t("languageEn")}</option>
          <option value="fr">{t("languageFr")}</option>
        </SelectField>
      </div>
      <datalist id={`${prefix}-folders`}>
        {folders.map((folder) => (
          <option key={folder} value={folder} />
        ))}
      </datalist>
      <p className="-mt-1 text-xs text-stone-500">{t("folderHint")}</p>
      <TextAreaField
        id={`${prefix}-body`}
        label={t("body")}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        rows={8}
        hint={t("bodyHint", { variables: variables.map((name) => `{{${name}}}`).join(", ") })}
        errors={running.fieldErrors.body}
      />
      {body.trim().length > 20 && (
        <VoiceWarnings text={body} locale={locale} channel="email" purpose="reply" hideWhenClean />
      )}
      {running.message?.tone === "error" && <Notice tone="error">{running.message.text}</Notice>}
      <div className="flex gap-2">
        <Button type="submit" pending={running.pending}>
          {running.pending ? t("saving") : reply ? t("save") : t("create")}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
