// Inbound mail HTML made safe to show: no scripts, event handlers, forms, frames, SVG or
// CSS tricks; links only to http(s)/mailto; remote images held back until the agent asks;
// quoted text folded away. The result is shown in a sandboxed iframe under a strict CSP too
// (components), so a sanitizer miss still cannot run anything.
import sanitizeHtml from "sanitize-html";

export type SanitizedEmail = { html: string; blockedImages: number };

const ALLOWED_TAGS = [
  "a",
  "abbr",
  "b",
  "blockquote",
  "br",
  "caption",
  "center",
  "cite",
  "code",
  "col",
  "colgroup",
  "dd",
  "del",
  "details",
  "div",
  "dl",
  "dt",
  "em",
  "font",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "i",
  "img",
  "ins",
  "kbd",
  "li",
  "ol",
  "p",
  "pre",
  "q",
  "s",
  "small",
  "span",
  "strike",
  "strong",
  "sub",
  "summary",
  "sup",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "u",
  "ul",
];

// Inline styles are kept only for these properties and values (no url(), no expression()).
const SAFE_STYLE = /^(?!.*(expression|url|javascript|behavior|@import))[#\w\s.,%()'"-]*$/i;
const STYLE_PROPERTIES = [
  "color",
  "background-color",
  "font-size",
  "font-weight",
  "font-style",
  "font-family",
  "text-align",
  "text-decoration",
  "margin",
  "padding",
  "border",
  "width",
  "height",
  "line-height",
  "vertical-align",
];

export function sanitizeEmailHtml(html: string, options: { showRemoteImages: boolean }): SanitizedEmail {
  let blockedImages = 0;
  const clean = sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    disallowedTagsMode: "discard",
    allowedAttributes: {
      a: ["href", "title", "target", "rel"],
      img: ["src", "alt", "width", "height", "title", "data-blocked-src"],
      td: ["colspan", "rowspan", "align", "valign", "width"],
      th: ["colspan", "rowspan", "align", "valign", "width"],
      table: ["width", "cellpadding", "cellspacing", "border", "align"],
      font: ["color", "size", "face"],
      "*": ["style", "dir", "lang", "class"],
    },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["http", "https", "data", "cid"] },
    allowProtocolRelative: false,
    allowedStyles: { "*": Object.fromEntries(STYLE_PROPERTIES.map((property) => [property, [SAFE_STYLE]])) },
    nonTextTags: [
      "style",
      "script",
      "textarea",
      "option",
      "noscript",
      "title",
      "head",
      "svg",
      "math",
      "template",
      "iframe",
      "object",
      "embed",
    ],
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, target: "_blank", rel: "noopener noreferrer nofollow" },
      }),
      img: (tagName, attribs) => {
        const src = (attribs.src ?? "").trim();
        // A relative or protocol-relative source would load from our own origin or an unknown host.
        if (!/^(https?:\/\/|data:image\/|cid:)/i.test(src)) {
          const rest = Object.fromEntries(Object.entries(attribs).filter(([name]) => name !== "src"));
          return { tagName, attribs: rest };
        }
        if (!options.showRemoteImages && /^https?:/i.test(src)) {
          blockedImages++;
          const rest = Object.fromEntries(Object.entries(attribs).filter(([name]) => name !== "src"));
          return { tagName, attribs: { ...rest, "data-blocked-src": src, alt: attribs.alt || "[image]" } };
        }
        return { tagName, attribs };
      },
      // Quoted earlier mail folds behind a toggle.
      blockquote: () => ({ tagName: "details", attribs: { class: "quoted" }, text: "" }),
    },
    exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src && !frame.attribs["data-blocked-src"],
  });
  // Wrap each folded quote's content: <details><summary>…</summary>…</details>.
  const folded = clean.replace(
    /<details class="quoted">/g,
    '<details class="quoted"><summary>Show quoted text</summary>',
  );
  return { html: folded, blockedImages };
}
