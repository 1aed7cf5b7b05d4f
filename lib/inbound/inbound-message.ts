// A customer's message as it arrives, whatever the channel. Mappers build it from Postmark and
// Twilio payloads; lib/inbound/ingest-inbound-message.ts stores it.
import type { SenderCheck } from "@/lib/generated/prisma/enums";

export type InboundAttachment = {
  filename: string;
  contentType: string;
  size: number;
  content: Buffer | null;
  droppedReason: string | null;
};

export type InboundMessage = {
  channel: "email" | "sms";
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
