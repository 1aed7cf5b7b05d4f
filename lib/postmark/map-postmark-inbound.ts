// Postmark's inbound webhook JSON → InboundMessage. Pure, tested on the recorded fixture.
import { z } from "zod";
import type { InboundAttachment, InboundMessage } from "@/lib/inbound/inbound-message";
import { checkSender } from "@/lib/inbound/sender-authentication";
import { stripQuotedText } from "@/lib/inbound/strip-quoted-text";

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

const payload = z.object({
  MessageID: z.string().min(1),
  FromFull: z.object({ Email: z.string().min(3), Name: z.string().nullish() }),
  To: z.string().nullish(),
  Subject: z.string().nullish(),
  Date: z.string().nullish(),
  MailboxHash: z.string().nullish(),
  TextBody: z.string().nullish(),
  HtmlBody: z.string().nullish(),
  StrippedTextReply: z.string().nullish(),
  Headers: z.array(z.object({ Name: z.string(), Value: z.string() })).default([]),
  Attachments: z
    .array(
      z.object({
        Name: z.string(),
        Content: z.string().nullish(),
        ContentType: z.string(),
        ContentLength: z.number().int().nonnegative(),
      }),
    )
    .default([]),
});

function header(headers: { Name: string; Value: string }[], name: string): string | null {
  return headers.find((h) => h.Name.toLowerCase() === name.toLowerCase())?.Value.trim() || null;
}

function messageIds(value: string | null): string[] {
  return value?.match(/<[^<>\s]+>/g) ?? [];
}

function attachment(a: z.infer<typeof payload>["Attachments"][number]): InboundAttachment {
  if (a.ContentLength > MAX_ATTACHMENT_BYTES) {
    return {
      filename: a.Name,
      contentType: a.ContentType,
      size: a.ContentLength,
      content: null,
      droppedReason: `Larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB: not stored`,
    };
  }
  return {
    filename: a.Name,
    contentType: a.ContentType,
    size: a.ContentLength,
    content: a.Content ? Buffer.from(a.Content, "base64") : null,
    droppedReason: a.Content ? null : "Postmark sent no content",
  };
}

/** Strips HTML to text for an HTML-only mail, so every message has a readable text body. */
function textFromHtml(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/li)[^>]*>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export type PostmarkInboundResult = { ok: true; message: InboundMessage } | { ok: false; error: string };

export function mapPostmarkInbound(
  body: unknown,
  receivedAt = new Date(),
  trustedAuthservIds: readonly string[] = [],
): PostmarkInboundResult {
  const parsed = payload.safeParse(body);
  if (!parsed.success)
    return {
      ok: false,
      error: parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
    };
  const p = parsed.data;
  const text = p.TextBody?.trim() ? p.TextBody : p.HtmlBody ? textFromHtml(p.HtmlBody) : "";
  const stripped = p.StrippedTextReply?.trim() ? p.StrippedTextReply.trim() : stripQuotedText(text);
  return {
    ok: true,
    message: {
      channel: "email",
      providerMessageId: p.MessageID,
      fromEmail: p.FromFull.Email.trim().toLowerCase(),
      fromPhone: null,
      fromName: p.FromFull.Name || null,
      to: p.To ?? null,
      subject: p.Subject ?? null,
      textBody: text,
      strippedText: stripped || null,
      htmlBody: p.HtmlBody || null,
      emailMessageId: messageIds(header(p.Headers, "Message-ID"))[0] ?? null,
      inReplyTo: messageIds(header(p.Headers, "In-Reply-To"))[0] ?? null,
      references: messageIds(header(p.Headers, "References")),
      mailboxHash: p.MailboxHash || null,
      // Our clock, not the sender's Date header: it has second precision and whatever skew the
      // customer's device has, and the thread, the stale-reply check and the reports order by it.
      receivedAt,
      attachments: p.Attachments.map(attachment),
      senderCheck: checkSender(p.FromFull.Email, p.Headers, trustedAuthservIds),
    },
  };
}
