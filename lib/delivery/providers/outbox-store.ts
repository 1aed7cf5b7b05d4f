import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { OutgoingEmail } from "@/lib/delivery/providers/postmark-email";
import type { SendOutcome } from "@/lib/delivery/providers/send-outcome";
import type { OutgoingSms } from "@/lib/delivery/providers/twilio-sms";

// The demo's stand-in for Postmark and Twilio: the message is kept, with the id a provider would
// have given, so everything downstream (threading, delivery, replies) runs as in production.

/** The number the demo's SMS come from when Twilio is not configured (a fictional French range). */
export const OUTBOX_SMS_FROM = "+33700000000";

export async function recordOutboxEmail(email: OutgoingEmail, now = new Date()): Promise<SendOutcome> {
  const providerMessageId = randomUUID();
  await db.outboxMessage.create({
    data: {
      channel: "email",
      providerMessageId,
      fromAddress: email.from,
      toAddress: email.to,
      replyTo: email.replyTo,
      subject: email.subject,
      textBody: email.textBody,
      htmlBody: email.htmlBody,
      headers: email.headers,
      metadata: email.metadata,
      createdAt: now,
    },
  });
  return { kind: "sent", providerMessageId };
}

/** `purpose` marks an SMS that belongs to no thread (Twilio's own answer to a keyword). */
export async function recordOutboxSms(sms: OutgoingSms, now = new Date(), purpose?: string): Promise<SendOutcome> {
  const providerMessageId = `SM${randomBytes(16).toString("hex")}`;
  await db.outboxMessage.create({
    data: {
      channel: "sms",
      providerMessageId,
      fromAddress: env().TWILIO_FROM_NUMBER ?? OUTBOX_SMS_FROM,
      toAddress: sms.to,
      textBody: sms.body,
      createdAt: now,
      metadata: purpose ? { purpose } : {},
    },
  });
  return { kind: "sent", providerMessageId };
}

/** The id of an outbox email sent with this metadata (as Postmark's metadata search), or null. */
export async function findOutboxEmail(key: string, value: string): Promise<string | null> {
  const found = await db.outboxMessage.findFirst({
    where: { channel: "email", metadata: { path: [key], equals: value } },
    select: { providerMessageId: true },
  });
  return found?.providerMessageId ?? null;
}

/** The id of an outbox SMS with this text to this number since a time (as Twilio's message list), or null. */
export async function findOutboxSms(to: string, body: string, sentAfter: Date): Promise<string | null> {
  const found = await db.outboxMessage.findFirst({
    where: { channel: "sms", toAddress: to, textBody: body, createdAt: { gte: sentAfter } },
    select: { providerMessageId: true },
  });
  return found?.providerMessageId ?? null;
}
