"use client";

import { useState } from "react";
import { useTranslator } from "@/components/i18n/locale-provider";
import { inboxMessages } from "@/lib/i18n/messages/inbox";

type Props = {
  text: string;
  strippedText: string | null;
  html: { safeHtml: string; safeHtmlWithImages: string; blockedImages: number } | null;
};

// The mail is shown in a sandboxed iframe (no scripts, no same origin) under a CSP that allows
// no network at all until "Show images" is pressed: nothing leaves the browser before.
function srcDoc(body: string, allowImages: boolean): string {
  const images = allowImages ? "img-src data: cid: https: http:;" : "img-src data: cid:;";
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; ${images} style-src 'unsafe-inline'; form-action 'none'"><base target="_blank"><style>body{font:14px/1.5 system-ui,sans-serif;color:#1c1917;margin:0;word-wrap:break-word}img{max-width:100%}details.quoted{color:#78716c;margin-top:8px}</style></head><body>${body}</body></html>`;
}

export function MessageBody({ text, strippedText, html }: Props) {
  const { t } = useTranslator(inboxMessages);
  const [mode, setMode] = useState<"text" | "full" | "html">(strippedText ? "text" : html ? "html" : "full");
  const [images, setImages] = useState(false);
  return (
    <div className="min-w-0">
      {mode === "html" && html ? (
        <iframe
          title={t("emailContent")}
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          referrerPolicy="no-referrer"
          srcDoc={srcDoc(images ? html.safeHtmlWithImages : html.safeHtml, images)}
          className="h-72 w-full rounded border border-stone-200 bg-white"
        />
      ) : (
        <p className="whitespace-pre-wrap text-sm wrap-anywhere">
          {mode === "text" && strippedText ? strippedText : text}
        </p>
      )}
      <div className="mt-2 flex flex-wrap gap-3 text-xs text-stone-600">
        {strippedText && mode === "text" && (
          <button type="button" className="underline" onClick={() => setMode("full")}>
            {t("showQuoted")}
          </button>
        )}
        {html && mode !== "html" && (
          <button type="button" className="underline" onClick={() => setMode("html")}>
            {t("showFormatted")}
          </button>
        )}
        {mode !== "text" && strippedText && (
          <button type="button" className="underline" onClick={() => setMode("text")}>
            {t("showReplyOnly")}
          </button>
        )}
        {mode === "html" && html && html.blockedImages > 0 && !images && (
          <button type="button" className="underline" onClick={() => setImages(true)}>
            {t("showImages", { count: html.blockedImages })}
          </button>
        )}
      </div>
    </div>
  );
}
