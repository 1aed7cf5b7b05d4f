"use client";

import { useRef, useState } from "react";
import { useTranslator } from "@/components/i18n/locale-provider";
import { PaperclipIcon } from "@/components/ui/icons";
import { MAX_REPLY_FILES, uploadProblem } from "@/lib/attachments/attachment-rules";
import type { UploadedFile } from "@/lib/attachments/reply-uploads";
import { errorMessages } from "@/lib/i18n/messages/errors";
import { inboxMessages } from "@/lib/i18n/messages/inbox";
import { formatFileSize } from "@/lib/i18n/numbers";

export type ComposerFile =
  | { key: string; status: "uploading"; filename: string; size: number }
  | { key: string; status: "ready"; file: UploadedFile }
  | { key: string; status: "error"; filename: string; error: string };

/** The files of the reply being written: uploaded as soon as they are chosen, each with its own error. */
export function useReplyAttachments() {
  const { t: te } = useTranslator(errorMessages);
  const { t } = useTranslator(inboxMessages);
  const [files, setFiles] = useState<ComposerFile[]>([]);
  const update = (key: string, next: ComposerFile) => setFiles((all) => all.map((f) => (f.key === key ? next : f)));

  async function upload(file: File) {
    const key = crypto.randomUUID();
    const problem = uploadProblem({ filename: file.name, size: file.size });
    if (problem) {
      const { reason, ...params } = problem;
      return setFiles((all) => [
        ...all,
        { key, status: "error", filename: file.name, error: te(reason, { ...params, filename: file.name }) },
      ]);
    }
    setFiles((all) => [...all, { key, status: "uploading", filename: file.name, size: file.size }]);
    const body = new FormData();
    body.set("file", file);
    try {
      const response = await fetch("/api/attachments", { method: "POST", body });
      const json = await response.json().catch(() => ({}));
      if (!response.ok)
        return update(key, { key, status: "error", filename: file.name, error: json.error ?? te("generic") });
      update(key, { key, status: "ready", file: json as UploadedFile });
    } catch {
      update(key, { key, status: "error", filename: file.name, error: t("serverUnreachable") });
    }
  }

  function add(list: FileList) {
    const room = MAX_REPLY_FILES - files.filter((f) => f.status !== "error").length;
    [...list].slice(0, Math.max(room, 0)).forEach((file) => void upload(file));
  }

  function remove(key: string) {
    const file = files.find((f) => f.key === key);
    // Not sent: the server forgets it now rather than after a day.
    if (file?.status === "ready") void fetch(`/api/attachments/${file.file.id}`, { method: "DELETE" }).catch(() => {});
    setFiles((all) => all.filter((f) => f.key !== key));
  }

  return {
    files,
    ready: files.flatMap((f) => (f.status === "ready" ? [f.file] : [])),
    uploading: files.some((f) => f.status === "uploading"),
    add,
    remove,
    /** After a send: the files went with it. After an Undo: they come back. */
    reset: (restored: UploadedFile[] = []) =>
      setFiles(restored.map((file) => ({ key: file.id, status: "ready" as const, file }))),
  };
}

type Props = { attachments: ReturnType<typeof useReplyAttachments>; disabled: boolean };

export function AttachButton({ attachments, disabled }: Props) {
  const { t } = useTranslator(inboxMessages);
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => input.current?.click()}
        disabled={disabled}
        className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm hover:bg-stone-100 disabled:opacity-50"
      >
        <PaperclipIcon /> {t("attachFiles")}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="attach-input"
        onChange={(event) => {
          if (event.target.files) attachments.add(event.target.files);
          event.target.value = "";
        }}
      />
    </>
  );
}

export function AttachmentChips({ attachments }: { attachments: ReturnType<typeof useReplyAttachments> }) {
  const { t, locale } = useTranslator(inboxMessages);
  if (attachments.files.length === 0) return null;
  return (
    <ul aria-label={t("attachedFiles")} className="flex flex-wrap gap-2 text-xs">
      {attachments.files.map((f) => {
        const name = f.status === "ready" ? f.file.filename : f.filename;
        return (
          <li
            key={f.key}
            data-testid="composer-attachment"
            className={`flex max-w-full items-center gap-2 rounded-md border px-2 py-1 ${f.status === "error" ? "border-red-200 bg-red-50 text-red-800" : "border-stone-200 bg-stone-50 text-stone-700"}`}
          >
            <span className="truncate">
              <PaperclipIcon /> {name}
              {f.status === "ready" && ` · ${formatFileSize(f.file.size, locale)}`}
              {f.status === "uploading" && ` · ${t("uploading")}`}
            </span>
            {f.status === "error" && <span role="alert">{f.error}</span>}
            <button
              type="button"
              onClick={() => attachments.remove(f.key)}
              aria-label={t("removeAttachment", { name })}
              className="rounded px-1 text-stone-500 hover:bg-stone-200"
            >
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}
