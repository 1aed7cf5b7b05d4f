import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { channelTransports, metaConfigured } from "@/lib/env";
import {
  findOutboxEmail,
  findOutboxSms,
  recordOutboxEmail,
  recordOutboxSms,
} from "@/lib/delivery/providers/outbox-store";
import {
  findPostmarkMessageByMetadata,
  sendEmailWithPostmark,
  type OutgoingEmail,
} from "@/lib/delivery/providers/postmark-email";
import type { SendOutcome } from "@/lib/delivery/providers/send-outcome";
import { sendMetaMessage, type OutgoingMetaMessage } from "@/lib/delivery/providers/meta-messenger";
import { findTwilioMessage, sendSmsWithTwilio, type OutgoingSms } from "@/lib/delivery/providers/twilio-sms";

// The one way out for every message: Postmark, Twilio and Meta's Send API when configured, a demo's Outbox
// otherwise (channelTransports). Callers check configuredChannels() before composing.

const NOT_CONFIGURED: SendOutcome = { kind: "permanent", error: "This channel is not configured on this server." };

// The demo's history is played into the Outbox even when a provider is configured: messages of
// the past must never reach a real customer.
const intoOutbox = new AsyncLocalStorage<true>();

/** Runs `work` with every message recorded in the Outbox, whatever is configured. */
export function recordingInOutbox<T>(work: () => Promise<T>): Promise<T> {
  return intoOutbox.run(true, work);
}

/** Where each channel sends now: "outbox" in a demo without the provider or inside recordingInOutbox. */
export function activeTransports() {
  const transports = channelTransports();
  if (!intoOutbox.getStore()) return transports;
  return { email: transports.email && ("outbox" as const), sms: transports.sms && ("outbox" as const) };
}

export async function sendEmail(email: OutgoingEmail, now = new Date()): Promise<SendOutcome> {
  const transport = activeTransports().email;
  if (transport === "postmark") return sendEmailWithPostmark(email);
  if (transport === "outbox") return recordOutboxEmail(email, now);
  return NOT_CONFIGURED;
}

export async function sendSms(sms: OutgoingSms, now = new Date()): Promise<SendOutcome> {
  const transport = activeTransports().sms;
  if (transport === "twilio") return sendSmsWithTwilio(sms);
  if (transport === "outbox") return recordOutboxSms(sms, now);
  return NOT_CONFIGURED;
}

/** Messenger and Instagram (one Send API): never inside recordingInOutbox, whose history has no chats. */
export async function sendMeta(message: OutgoingMetaMessage): Promise<SendOutcome> {
  return metaConfigured() && !intoOutbox.getStore() ? sendMetaMessage(message) : NOT_CONFIGURED;
}

/** The provider's id of an email sent with this metadata, or null when it never arrived there. */
export async function findSentEmail(key: string, value: string): Promise<string | null> {
  return activeTransports().email === "outbox"
    ? findOutboxEmail(key, value)
    : findPostmarkMessageByMetadata(key, value);
}

/** The provider's id of an SMS with this text to this number since a time, or null. */
export async function findSentSms(to: string, body: string, sentAfter: Date): Promise<string | null> {
  return activeTransports().sms === "outbox"
    ? findOutboxSms(to, body, sentAfter)
    : findTwilioMessage(to, body, sentAfter);
}
