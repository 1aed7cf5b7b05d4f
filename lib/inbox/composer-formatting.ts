// The email composer's toolbar: each button rewrites the selected text in the small markup that
// lib/templates/render-email-html.ts turns into HTML and a text part. Pure.

export type Edit = { text: string; selectionStart: number; selectionEnd: number };
export type Format = "bold" | "link" | "bullets" | "numbers";

const isUrl = (text: string) => /^https?:\/\/\S+$/.test(text);

function wrapInline(text: string, start: number, end: number, format: "bold" | "link"): Edit {
  const selected = text.slice(start, end);
  if (format === "bold") {
    const inner = selected || "bold";
    const out = `${text.slice(0, start)}**${inner}**${text.slice(end)}`;
    return { text: out, selectionStart: start + 2, selectionEnd: start + 2 + inner.length };
  }
  // A selected address links to itself; selected words get "https://" selected, ready for a paste.
  if (isUrl(selected)) {
    const out = `${text.slice(0, start)}[${selected}](${selected})${text.slice(end)}`;
    return { text: out, selectionStart: start + 1, selectionEnd: start + 1 + selected.length };
  }
  const label = selected || "link";
  const out = `${text.slice(0, start)}[${label}](https://)${text.slice(end)}`;
  const urlStart = start + label.length + 3;
  return { text: out, selectionStart: urlStart, selectionEnd: urlStart + "https://".length };
}

function toggleList(text: string, start: number, end: number, format: "bullets" | "numbers"): Edit {
  const from = text.lastIndexOf("\n", start - 1) + 1;
  const lineEnd = text.indexOf("\n", end);
  const to = lineEnd < 0 ? text.length : lineEnd;
  const lines = text.slice(from, to).split("\n");
  const marker = format === "bullets" ? /^- / : /^\d{1,3}\. /;
  const already = lines.every((line) => marker.test(line));
  const changed = lines
    .map((line, index) => {
      const bare = line.replace(/^(- |\d{1,3}\. )/, "");
      if (already) return bare;
      return format === "bullets" ? `- ${bare}` : `${index + 1}. ${bare}`;
    })
    .join("\n");
  // A list is its own paragraph: a blank line before it when text precedes.
  const before = text.slice(0, from);
  const gap = !already && before && !before.endsWith("\n\n") ? "\n" : "";
  const out = before + gap + changed + text.slice(to);
  return { text: out, selectionStart: from + gap.length, selectionEnd: from + gap.length + changed.length };
}

/** The text after applying a toolbar button to the selection [start, end). */
export function applyFormat(text: string, start: number, end: number, format: Format): Edit {
  return format === "bold" || format === "link"
    ? wrapInline(text, start, end, format)
    : toggleList(text, start, end, format);
}
