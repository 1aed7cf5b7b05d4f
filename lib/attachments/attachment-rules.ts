// What a reply may carry, and how a stored file is handed back to a browser. Pure: the composer
// checks a file before uploading it with the same rules the server applies.
import { CHANNEL_TRAITS, type Channel } from "@/lib/channels/channels";

/** Files in one reply. */
export const MAX_REPLY_FILES = 10;
/**
 * Postmark refuses a message over 10 MB counted after base64 (4/3 of the bytes), text and HTML
 * included: 7 MB of files leaves room for both.
 */
export const MAX_EMAIL_ATTACHMENT_BYTES = 7 * 1024 * 1024;
/** Twilio's limit for the media of one MMS. */
export const MAX_MMS_BYTES = 5 * 1024 * 1024;
/** The media every MMS carrier formats for the phone (Twilio: "fully supported"). */
export const MMS_CONTENT_TYPES: readonly string[] = ["image/jpeg", "image/png", "image/gif"];

// Executables and scripts: Postmark refuses them, and no customer should receive one from a shop.
const BLOCKED_EXTENSIONS = new Set(
  "ade adp app bat bin chm cmd com cpl crt dll exe hlp hta inf ins isp jar js jse lnk mde msc msi msp mst pcd pif ps1 reg scr sct shb shs sys vb vba vbe vbs vxd wsc wsf wsh".split(
    " ",
  ),
);

export type UploadProblem =
  | { reason: "attachmentEmpty" }
  | { reason: "attachmentTooLarge"; maxMb: number }
  | { reason: "attachmentBlockedType"; extension: string };

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf(".");
  return dot < 0 ? "" : filename.slice(dot + 1).toLowerCase();
}

/** Why one file cannot be attached to a reply, or null. */
export function uploadProblem(file: { filename: string; size: number }): UploadProblem | null {
  if (file.size === 0) return { reason: "attachmentEmpty" };
  if (file.size > MAX_EMAIL_ATTACHMENT_BYTES)
    return { reason: "attachmentTooLarge", maxMb: MAX_EMAIL_ATTACHMENT_BYTES / 1024 / 1024 };
  const extension = extensionOf(file.filename);
  if (BLOCKED_EXTENSIONS.has(extension)) return { reason: "attachmentBlockedType", extension };
  return null;
}

// Half of a surrogate pair: encodeURIComponent throws on it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A file name safe to store and to put in a header: no path, no control characters, at most 150
 * characters, cut between characters (never inside an emoji).
 */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = Array.from(
    base
      .replace(LONE_SURROGATE, "\uFFFD")
      .replace(/[\u0000-\u001f\u007f"]/g, "")
      .trim(),
  )
    .slice(-150)
    .join("");
  return clean || "file";
}

/** A MIME type as a browser or a mail gives it, or application/octet-stream when it is not one. */
export function cleanContentType(type: string): string {
  const clean = type.trim().toLowerCase();
  return /^[a-z0-9][\w.+-]*\/[\w.+-]+(;.*)?$/.test(clean) && clean.length <= 100 ? clean : "application/octet-stream";
}

export type ReplyFilesProblem =
  | { reason: "tooManyAttachments"; max: number }
  | { reason: "attachmentsTooLarge"; maxMb: number }
  | { reason: "mmsOnlyNorthAmerica" }
  | { reason: "mmsImagesOnly"; filename: string }
  | { reason: "noFilesOnChannel" };

/** NANP numbers (US, Canada): where Twilio sends MMS. */
const isNorthAmerican = (phone: string | null | undefined) => /^\+1\d{10}$/.test(phone ?? "");

/** Why these files cannot go with a reply on this channel, or null. */
export function replyFilesProblem(
  channel: Channel,
  files: readonly { filename: string; contentType: string; size: number }[],
  numbers: { customer: string | null; shop: string | null },
): ReplyFilesProblem | null {
  if (files.length === 0) return null;
  if (!CHANNEL_TRAITS[channel].files) return { reason: "noFilesOnChannel" };
  if (files.length > MAX_REPLY_FILES) return { reason: "tooManyAttachments", max: MAX_REPLY_FILES };
  const total = files.reduce((sum, file) => sum + file.size, 0);
  const max = channel === "email" ? MAX_EMAIL_ATTACHMENT_BYTES : MAX_MMS_BYTES;
  if (channel === "sms") {
    if (!isNorthAmerican(numbers.customer) || !isNorthAmerican(numbers.shop)) return { reason: "mmsOnlyNorthAmerica" };
    const other = files.find((file) => !MMS_CONTENT_TYPES.includes(file.contentType));
    if (other) return { reason: "mmsImagesOnly", filename: other.filename };
  }
  if (total > max) return { reason: "attachmentsTooLarge", maxMb: max / 1024 / 1024 };
  return null;
}

// Served with their own type: a browser shows them and runs nothing in them. SVG is left out (it
// can hold script); HTML, XML and anything unknown come down as bytes to save.
const SAFE_TYPES = new Set([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "application/pdf",
  "text/plain",
  "text/csv",
]);
const INLINE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** The headers a stored file is downloaded with. `inline` shows a picture in the page; anything else is saved. */
export function downloadHeaders(
  file: { filename: string; contentType: string },
  options: { inline: boolean },
): Record<string, string> {
  const type = file.contentType.split(";")[0]!.trim().toLowerCase();
  const safeType = SAFE_TYPES.has(type)
    ? type.startsWith("text/")
      ? `${type}; charset=utf-8`
      : type
    : "application/octet-stream";
  const name = cleanFilename(file.filename);
  const asciiName = name.replace(/[^\x20-\x7e]/g, "_").replace(/\\/g, "_");
  const disposition = options.inline && INLINE_TYPES.has(type) ? "inline" : "attachment";
  return {
    "content-type": safeType,
    "content-disposition": `${disposition}; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    "x-content-type-options": "nosniff",
    // Even opened directly, the file runs nothing and loads nothing.
    "content-security-policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    "cache-control": "private, max-age=3600",
  };
}
