// Plain founder-voice text → a quiet, newsletter-like HTML mail (one column, no product grid).
// Everything from the text is escaped; only URLs become links. Pure.

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function linkify(escaped: string): string {
  return escaped.replace(
    /https?:\/\/[^\s<]+[^\s<.,;:!?)]/g,
    (url) => `<a href="${url}" style="color:#25654f">${url}</a>`,
  );
}

function blockToHtml(block: string): string {
  const lines = block.split("\n");
  if (lines.every((line) => line.startsWith("- "))) {
    return `<ul style="padding-left:20px;margin:0 0 16px">${lines.map((line) => `<li style="margin:0 0 8px">${linkify(escapeHtml(line.slice(2)))}</li>`).join("")}</ul>`;
  }
  const intro = lines.findIndex((line) => line.startsWith("- "));
  if (intro > 0 && lines.slice(intro).every((line) => line.startsWith("- "))) {
    return blockToHtml(lines.slice(0, intro).join("\n")) + blockToHtml(lines.slice(intro).join("\n"));
  }
  return `<p style="margin:0 0 16px">${lines.map((line) => linkify(escapeHtml(line))).join("<br>")}</p>`;
}

/** unsubscribeUrl is null for a person's reply to the customer's own mail, which is not a mailing. */
export type EmailHtmlInput = {
  body: string;
  preheader: string | null;
  signature: string;
  unsubscribeUrl: string | null;
  unsubscribeLabel: string;
  locale: string;
};

export function renderEmailHtml({
  body,
  preheader,
  signature,
  unsubscribeUrl,
  unsubscribeLabel,
  locale,
}: EmailHtmlInput): string {
  const blocks = body
    .trim()
    .split(/\n{2,}/)
    .map(blockToHtml)
    .join("");
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark"></head>
<body style="margin:0;padding:0;background:#ffffff">
${preheader ? `<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(preheader)}</div>` : ""}
<div style="max-width:560px;margin:0 auto;padding:32px 24px;font-family:Georgia,'Times New Roman',serif;font-size:16px;line-height:1.6;color:#1c1917">
${blocks}
<p style="margin:24px 0 0">${escapeHtml(signature).replace(/\n/g, "<br>")}</p>
${unsubscribeUrl ? `<p style="margin:40px 0 0;font-family:Arial,sans-serif;font-size:12px;color:#78716c"><a href="${escapeHtml(unsubscribeUrl)}" style="color:#78716c">${escapeHtml(unsubscribeLabel)}</a></p>` : ""}
</div></body></html>`;
}

/** The text part: the body, the signature and the unsubscribe link. */
export function renderEmailText({ body, signature, unsubscribeUrl, unsubscribeLabel }: EmailHtmlInput): string {
  return `${body.trim()}\n\n${signature}\n${unsubscribeUrl ? `\n--\n${unsubscribeLabel}: ${unsubscribeUrl}\n` : ""}`;
}
