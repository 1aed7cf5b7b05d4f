// Plain founder-voice text → a quiet, newsletter-like HTML mail (one column, no product grid).
// Everything from the text is escaped; URLs become links, and the composer's small markup
// (**bold**, [label](url), - and 1. lists) becomes HTML. Pure.

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const link = (url: string, label: string) => `<a href="${escapeHtml(url)}" style="color:#25654f">${label}</a>`;

// The small markup the composer's toolbar writes: **bold**, [label](https://…), and bare URLs.
const INLINE = /\*\*(?=\S)([^*\n]+?)\*\*|\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)|(https?:\/\/[^\s<]+[^\s<.,;:!?)])/g;
const BARE_URL = /https?:\/\/[^\s<]+[^\s<.,;:!?)]/g;

function inlineToHtml(line: string, markup: boolean): string {
  if (!markup) {
    let html = "";
    let last = 0;
    for (const match of line.matchAll(BARE_URL)) {
      html += escapeHtml(line.slice(last, match.index)) + link(match[0], escapeHtml(match[0]));
      last = match.index + match[0].length;
    }
    return html + escapeHtml(line.slice(last));
  }
  let html = "";
  let last = 0;
  for (const match of line.matchAll(INLINE)) {
    html += escapeHtml(line.slice(last, match.index));
    const [, bold, label, url, bare] = match;
    if (bold !== undefined) html += `<strong>${inlineToHtml(bold, true)}</strong>`;
    else if (label !== undefined) html += link(url!, escapeHtml(label));
    else html += link(bare!, escapeHtml(bare!));
    last = match.index + match[0].length;
  }
  return html + escapeHtml(line.slice(last));
}

/** The same markup in the text part: bold as plain words, a link as "label (https://…)". */
function inlineToText(line: string): string {
  return line.replace(INLINE, (whole, bold?: string, label?: string, url?: string) => {
    if (bold !== undefined) return inlineToText(bold);
    if (label !== undefined) return label === url ? url! : `${label} (${url})`;
    return whole;
  });
}

const LISTS = [
  { marker: /^- /, tag: "ul" },
  { marker: /^\d{1,3}\. /, tag: "ol" },
] as const;

function blockToHtml(block: string, markup: boolean): string {
  const lines = block.split("\n");
  for (const { marker, tag } of LISTS) {
    if (lines.every((line) => marker.test(line)))
      return `<${tag} style="padding-left:20px;margin:0 0 16px">${lines.map((line) => `<li style="margin:0 0 8px">${inlineToHtml(line.replace(marker, ""), markup)}</li>`).join("")}</${tag}>`;
    // A sentence introducing the list, in the same block.
    const intro = lines.findIndex((line) => marker.test(line));
    if (intro > 0 && lines.slice(intro).every((line) => marker.test(line)))
      return blockToHtml(lines.slice(0, intro).join("\n"), markup) + blockToHtml(lines.slice(intro).join("\n"), markup);
  }
  return `<p style="margin:0 0 16px">${lines.map((line) => inlineToHtml(line, markup)).join("<br>")}</p>`;
}

/** unsubscribeUrl is null for a person's reply to the customer's own mail, which is not a mailing. */
export type EmailHtmlInput = {
  body: string;
  preheader: string | null;
  signature: string;
  unsubscribeUrl: string | null;
  unsubscribeLabel: string;
  locale: string;
  /** Reads **bold** and [label](url) (a person's or the founder's words); false for quoted customer text (forwards). */
  markup?: boolean;
};

export function renderEmailHtml({
  body,
  preheader,
  signature,
  unsubscribeUrl,
  unsubscribeLabel,
  locale,
  markup = true,
}: EmailHtmlInput): string {
  const blocks = body
    .trim()
    .split(/\n{2,}/)
    .map((block) => blockToHtml(block, markup))
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
export function renderEmailText({
  body,
  signature,
  unsubscribeUrl,
  unsubscribeLabel,
  markup = true,
}: EmailHtmlInput): string {
  const text = markup ? body.trim().split("\n").map(inlineToText).join("\n") : body.trim();
  return `${text}\n\n${signature}\n${unsubscribeUrl ? `\n--\n${unsubscribeLabel}: ${unsubscribeUrl}\n` : ""}`;
}
