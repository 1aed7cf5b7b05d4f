import "server-only";
import { env } from "@/lib/env";
import type { EmailAttachment } from "@/lib/delivery/providers/postmark-email";
import type { SendOutcome } from "@/lib/delivery/providers/send-outcome";
import type { MetaChannel, ShopChannel } from "@/lib/channels/channels";
import { findSentEmail, findSentSms, sendEmail, sendMeta, sendSms } from "@/lib/delivery/providers/transport";
import { threadingHeaders } from "@/lib/threading/reply-headers";

// The delivery engine's one way to put a thread message on the wire, and to find it there again
// when a call got no answer. Automatic messages (lib/outbound) and staff replies (lib/inbox) both
// go through here; each records the outcome on its own rows.

/**
 * What a message is tracked by at its provider: an email by this metadata (Postmark can search
 * it), an SMS by its number, text and time (Twilio has no metadata).
 */
export type Tracking = { key: "scheduledMessageId" | "messageId"; id: string };

export type EmailTransmission = {
  channel: "email";
  from: string;
  to: string;
  replyTo: string | null;
  subject: string;
  html: string;
  text: string;
  /** Our Message-ID (ourMessageId): the customer's answer threads back to it. */
  messageIdHeader: string;
  /** The Message-IDs this mail answers, oldest first: it lands in the customer's thread. */
  replyingTo: string[];
  /** Headers of the kind of message (List-Unsubscribe for automatic mail). */
  extraHeaders?: { name: string; value: string }[];
  /** Files sent with the mail (a staff reply's). */
  attachments?: EmailAttachment[];
  tracking: Tracking;
};

export type SmsTransmission = {
  channel: "sms";
  to: string;
  text: string;
  /** Public, signed addresses of an MMS's pictures (Twilio fetches them). */
  mediaUrls?: string[];
  tracking: Tracking;
};

/** An answer on Messenger or Instagram: to the person's page-scoped id, within Meta's window. */
export type MetaTransmission = {
  channel: MetaChannel;
  to: string;
  text: string;
  /** HUMAN_AGENT past the 24-hour window (lib/channels/reply-window). */
  tag: null | "HUMAN_AGENT";
  tracking: Tracking;
};

export type Transmission = EmailTransmission | SmsTransmission | MetaTransmission;

/** Where Twilio reports an SMS's delivery. */
function statusCallbackUrl(): string {
  return `${env().APP_URL.replace(/\/$/, "")}/api/webhooks/twilio/status`;
}

/** One provider call; what it came to (sent, transient, permanent, or unknown: settle before resending). */
export async function transmit(message: Transmission, now: Date): Promise<SendOutcome> {
  if (message.channel === "sms")
    return sendSms(
      { to: message.to, body: message.text, mediaUrls: message.mediaUrls ?? [], statusCallback: statusCallbackUrl() },
      now,
    );
  if (message.channel !== "email") return sendMeta({ recipientId: message.to, text: message.text, tag: message.tag });
  return sendEmail(
    {
      from: message.from,
      to: message.to,
      replyTo: message.replyTo,
      subject: message.subject,
      htmlBody: message.html,
      textBody: message.text,
      headers: [
        { name: "Message-ID", value: message.messageIdHeader },
        ...threadingHeaders(message.replyingTo),
        ...(message.extraHeaders ?? []),
      ],
      metadata: { [message.tracking.key]: message.tracking.id },
      attachments: message.attachments ?? [],
    },
    now,
  );
}

/**
 * The provider's id of a message whose call got no answer, or null when the provider never
 * received it (then, and only then, it may be sent again). Throws when the provider cannot be
 * asked: the message stays unsettled.
 */
export async function findTransmitted(
  message: { channel: ShopChannel; to: string; text: string; tracking: Tracking },
  sentAfter: Date,
): Promise<string | null> {
  if (message.channel === "email") return findSentEmail(message.tracking.key, message.tracking.id);
  return findSentSms(message.to, message.text, sentAfter);
}
