// A customer's message as it arrives, whatever the channel. Mappers build it from Postmark and
// Twilio payloads, and lib/meta from Meta's; lib/inbound/ingest-inbound-message.ts stores it.
import type { Channel } from "@/lib/channels/channels";
import type { SenderCheck } from "@/lib/generated/prisma/enums";

export type InboundAttachment = {
  filename: string;
  contentType: string;
  size: number;
  content: Buffer | null;
  droppedReason: string | null;
  /** Messenger and Instagram send files by URL: kept, fetched when opened. */
  sourceUrl?: string | null;
};

export type InboundMessage = {
  channel: Channel;
  /** Messenger and Instagram: the page (or account) written to and the person's id there. */
  identity?: { accountId: string; externalId: string } | null;
  providerMessageId: string;
  fromEmail: string | null;
  fromPhone: string | null;
  fromName: string | null;
  to: string | null;
  subject: string | null;
  textBody: string;
  strippedText: string | null;
  htmlBody: string | null;
  emailMessageId: string | null;
  inReplyTo: string | null;
  references: string[];
  mailboxHash: string | null;
  receivedAt: Date;
  attachments: InboundAttachment[];
  /** Email: whether the sender authenticated for the From domain. Null for SMS. */
  senderCheck: SenderCheck | null;
};

/** A message on a channel without mail's headers (SMS, Messenger, Instagram): what only mail carries is empty. */
export function chatMessage(
  message: Pick<InboundMessage, "channel" | "providerMessageId" | "textBody" | "receivedAt"> & Partial<InboundMessage>,
): InboundMessage {
  return {
    fromEmail: null,
    fromPhone: null,
    fromName: null,
    to: null,
    subject: null,
    strippedText: null,
    htmlBody: null,
    emailMessageId: null,
    inReplyTo: null,
    references: [],
    mailboxHash: null,
    attachments: [],
    senderCheck: null,
    ...message,
  };
}
