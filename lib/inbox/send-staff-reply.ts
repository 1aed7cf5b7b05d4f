import "server-only";
import { CHANNELS, isMetaChannel, isShopChannel, textOverLimit, type Channel } from "@/lib/channels/channels";
import { customerReplyWindows, replyWindowsOf } from "@/lib/meta/reply-windows";
import { z } from "zod";
import { MAX_REPLY_FILES } from "@/lib/attachments/attachment-rules";
import {
  checkReplyUploads,
  detachUploads,
  joinUploads,
  mediaUrl,
  messageFiles,
  type UploadedFile,
} from "@/lib/attachments/reply-uploads";
import { withSmsState } from "@/lib/consent/sms-consent";
import { customerName } from "@/lib/customers/customer-name";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/database-errors";
import { runAfterResponse } from "@/lib/http/run-after-response";
import { env, replyConfigured } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Message, Prisma } from "@/lib/generated/prisma/client";
import { markConversationRead } from "@/lib/inbox/read-state";
import { replyChannels } from "@/lib/inbox/reply-channels";
import { createTrackedLink, reviewTargetUrl } from "@/lib/links/create-tracked-link";
import { findTransmitted, transmit, type Tracking, type Transmission } from "@/lib/delivery/transmit";
import { getShopSettingsRow } from "@/lib/settings/get-shop-settings";
import { smsSize } from "@/lib/sms/sms-segments";
import { staffSignature, withoutTypedSignature, staffFromAddress } from "@/lib/inbox/staff-signature";
import { renderEmailHtml, renderEmailText } from "@/lib/templates/render-email-html";
import { renderTemplate, TemplateRenderError } from "@/lib/templates/render-template";
import { mailsAnswered } from "@/lib/threading/mail-answered";
import { chainAfter, ourMessageId, replySubject, replyToAddress } from "@/lib/threading/reply-headers";

// A held reply its request should have sent by now: the dispatcher sends it.
const HELD_GRACE_MS = 30_000;
// Twilio refuses bodies over 1600 characters.
const MAX_SMS_CHARACTERS = 1600;
// A timed-out provider call: the message may have left. A retry looks it up before sending again.
export const NO_ANSWER = "no_answer";

export const staffReplySchema = z.object({
  conversationId: z.string().min(1),
  channel: z.enum(CHANNELS),
  text: z.string().trim().min(1, "Write the reply first").max(10_000, "10,000 characters at most"),
  /** Made by the composer for one reply: a retry or a double click sends it once. */
  clientRequestId: z.string().uuid(),
  /** The newest message the agent had on screen: anything after it is shown before sending. */
  seenUpToMessageId: z.string().nullable(),
  sendAnyway: z.boolean().default(false),
  /** Files uploaded in the composer (POST /api/attachments), sent with the reply. */
  attachmentIds: z.array(z.string().min(1)).max(MAX_REPLY_FILES).default([]),
});
export type StaffReplyInput = z.infer<typeof staffReplySchema>;

export type NewerMessage = {
  id: string;
  from: string;
  channel: Channel;
  direction: "inbound" | "outbound";
  text: string;
  createdAt: Date;
};

export type StaffReplyOutcome =
  | { outcome: "sent"; messageId: string }
  /** Nothing went out: the same request can be retried. */
  | { outcome: "failed"; messageId: string; error: string }
  /**
   * Not confirmed: the provider did not answer ("no_answer": a retry checks whether it went
   * before sending again), or another request is sending it ("in_progress").
   */
  | { outcome: "unknown"; messageId: string; reason: "no_answer" | "in_progress" }
  /** Someone wrote in the conversation since the agent looked: nothing was sent. */
  | { outcome: "stale"; newer: NewerMessage[] }
  /** Held for Undo: it goes at sendsAt unless undone before. */
  | { outcome: "held"; messageId: string; sendsAt: Date };

type Actor = { id: string; name: string };

/** Why a Messenger or Instagram reply shows as failed when Meta never answered the call. */
export const META_UNCONFIRMED = "Meta did not confirm this message. Look in the page's inbox before sending it again.";

const CANNOT_REPLY = {
  email: "cannotReplyByEmail",
  sms: "cannotReplyBySms",
  messenger: "cannotReplyByMessenger",
  instagram: "cannotReplyByInstagram",
} as const satisfies Record<Channel, string>;

/** Messages written after the one the agent had seen, by anyone but the agent. */
async function newerMessages(
  conversationId: string,
  seenUpToMessageId: string | null,
  actorId: string,
): Promise<NewerMessage[]> {
  const seen = seenUpToMessageId
    ? await db.message.findFirst({ where: { id: seenUpToMessageId, conversationId }, select: { createdAt: true } })
    : null;
  const rows = await db.message.findMany({
    where: {
      conversationId,
      isInternalNote: false,
      ...(seen ? { createdAt: { gt: seen.createdAt } } : {}),
      OR: [{ authorUserId: null }, { authorUserId: { not: actorId } }],
    },
    orderBy: { createdAt: "asc" },
    take: 20,
    include: {
      authorUser: { select: { name: true } },
      conversation: { select: { customer: { select: { firstName: true, lastName: true, email: true, phone: true } } } },
    },
  });
  return rows.map((m) => ({
    id: m.id,
    from:
      m.direction === "inbound"
        ? (customerName(m.conversation.customer) ?? "Customer")
        : (m.authorUser?.name ?? "Automatic message"),
    channel: m.channel,
    direction: m.direction,
    text: (m.strippedText ?? m.textBody).slice(0, 2000),
    createdAt: m.createdAt,
  }));
}

async function loadConversation(id: string) {
  const conversation = await db.conversation.findUnique({
    where: { id },
    include: {
      customer: {
        include: { orders: { orderBy: { placedAt: "desc" }, take: 1, include: { lineItems: { take: 1 } } } },
      },
    },
  });
  if (!conversation) throw AppError.because("not_found", "conversationGone");
  return conversation;
}

/** Fills {{variables}} a canned reply left in the text; the review link is tracked to this message. */
async function fillVariables(
  text: string,
  context: {
    conversation: Awaited<ReturnType<typeof loadConversation>>;
    settings: NonNullable<Awaited<ReturnType<typeof getShopSettingsRow>>>;
    channel: Channel;
  },
) {
  if (!text.includes("{{")) return { text, reviewLinkId: null };
  const { customer } = context.conversation;
  const order = customer.orders[0];
  let reviewLinkId: string | null = null;
  let reviewLink: string | null = null;
  if (/\{\{\s*reviewLink/.test(text)) {
    const link = await createTrackedLink(
      {
        kind: "review",
        targetUrl: reviewTargetUrl(context.settings.reviewUrl, "manual", context.channel),
        customerId: customer.id,
      },
      env().APP_URL,
      db,
    );
    reviewLinkId = link.id;
    reviewLink = link.url;
  }
  try {
    const filled = renderTemplate(
      text,
      {
        firstName: customer.firstName,
        productName: order?.lineItems[0]?.title,
        orderNumber: order?.number,
        shopName: context.settings.shopName,
        founderName: context.settings.founderName,
        reviewLink,
      },
      customer.locale,
    );
    return { text: filled, reviewLinkId };
  } catch (error) {
    if (error instanceof TemplateRenderError)
      throw AppError.because("bad_request", "placeholderUnfilled", { detail: error.message });
    throw error;
  }
}

/** Writes the reply into the thread as "sending", with everything a later retry needs to resend it. */
async function createReplyMessage(input: StaffReplyInput, actor: Actor, now: Date, hold: boolean): Promise<Message> {
  const conversation = await loadConversation(input.conversationId);
  const settings = await getShopSettingsRow();
  if (!settings) throw AppError.because("bad_request", "setUpShopFirst");
  const customerTexted =
    (await db.message.count({ where: { conversationId: conversation.id, direction: "inbound", channel: "sms" } })) > 0;
  const contact = await withSmsState(conversation.customer, db);
  // Meta's windows matter only to an answer there: an email or SMS reply does not read them.
  const replyWindows = isMetaChannel(input.channel)
    ? await replyWindowsOf(conversation.customerId, settings.metaHumanAgent, now, db)
    : {};
  const availability = replyChannels({
    customer: { ...contact, replyWindows },
    customerTexted,
    configured: replyConfigured(),
  })[input.channel] ?? { allowed: false as const, reason: "never_wrote_here" as const };
  if (!availability.allowed)
    // A channel this server lacks is for its admins to fix (503); the customer's state is a 400.
    throw AppError.because(
      availability.reason.endsWith("_not_configured") ? "not_configured" : "bad_request",
      CANNOT_REPLY[input.channel],
      {
        reason: { key: `channel_${availability.reason}` },
      },
    );

  await checkReplyUploads(input.attachmentIds, actor.id, input.channel, {
    customer: conversation.customer.phone,
    shop: env().TWILIO_FROM_NUMBER ?? null,
  });
  const { text, reviewLinkId } = await fillVariables(input.text, { conversation, settings, channel: input.channel });
  const base = {
    conversationId: conversation.id,
    direction: "outbound" as const,
    channel: input.channel,
    authorType: "staff" as const,
    authorUserId: actor.id,
    clientRequestId: input.clientRequestId,
    createdAt: now,
    // Held for Undo: "queued" until sendAfter, then sent by sendHeldReply.
    ...(hold && settings.undoSendSeconds > 0
      ? { deliveryStatus: "queued" as const, sendAfter: new Date(now.getTime() + settings.undoSendSeconds * 1000) }
      : { deliveryStatus: "sending" as const }),
  };
  let message: Message;
  if (isMetaChannel(input.channel)) {
    const over = textOverLimit(input.channel, text);
    if (over)
      throw AppError.because("bad_request", over.unit === "bytes" ? "chatTooLongBytes" : "chatTooLong", {
        max: over.max,
        length: over.size,
      });
    const identity = await db.channelIdentity.findFirst({
      where: { customerId: conversation.customerId, channel: input.channel },
      orderBy: { updatedAt: "desc" },
    });
    if (!identity)
      throw AppError.because("bad_request", CANNOT_REPLY[input.channel], {
        reason: { key: "channel_never_wrote_here" },
      });
    message = await createWithFiles(
      { ...base, fromAddress: identity.accountId, toAddress: identity.externalId, textBody: text },
      input.attachmentIds,
    );
  } else if (input.channel === "sms") {
    if (text.length > MAX_SMS_CHARACTERS)
      throw AppError.because("bad_request", "smsTooLong", { max: MAX_SMS_CHARACTERS, length: text.length });
    message = await createWithFiles(
      {
        ...base,
        fromAddress: env().TWILIO_FROM_NUMBER ?? null,
        toAddress: conversation.customer.phone,
        textBody: text,
        smsSegments: smsSize(text).segments,
      },
      input.attachmentIds,
    );
  } else {
    const answered = (await mailsAnswered([conversation.id], db, { orOurOwn: true })).get(conversation.id);
    const chain = answered ? chainAfter(answered) : [];
    const signature = staffSignature(actor.name, settings.shopName);
    const parts = {
      body: withoutTypedSignature(text, signature),
      preheader: null,
      signature,
      unsubscribeUrl: null,
      unsubscribeLabel: "",
      locale: conversation.customer.locale,
    };
    const id = crypto.randomUUID();
    message = await createWithFiles(
      {
        ...base,
        fromAddress: staffFromAddress(actor.name, settings.shopName, settings.senderEmail),
        toAddress: conversation.customer.email,
        subject: replySubject(answered?.subject ?? conversation.subject ?? settings.shopName),
        textBody: renderEmailText(parts),
        htmlBody: renderEmailHtml(parts),
        emailMessageId: ourMessageId("reply", id, settings.senderEmail),
        inReplyTo: chain.at(-1) ?? null,
        references: chain.length ? chain.join(" ") : null,
      },
      input.attachmentIds,
    );
  }
  if (reviewLinkId) await db.trackedLink.update({ where: { id: reviewLinkId }, data: { messageId: message.id } });
  return message;
}

/** The message and its files in one step: a reply never goes out without the files it was written with. */
function createWithFiles(data: Prisma.MessageUncheckedCreateInput, attachmentIds: string[]): Promise<Message> {
  return db.$transaction(async (tx) => {
    const message = await tx.message.create({ data });
    await joinUploads(attachmentIds, message.id, data.authorUserId!, tx);
    return message;
  });
}

/** The reply as the delivery engine sends it: everything comes from the stored rows, so a retry resends exactly it. */
async function transmissionOf(
  message: Message,
  conversation: { mailboxHash: string; customerId: string },
  now: Date,
): Promise<Transmission> {
  const tracking = staffReplyTracking(message);
  if (isMetaChannel(message.channel)) {
    const window = (await customerReplyWindows(conversation.customerId, now))[message.channel];
    // Closed since it was written (an Undo delay): sent untagged, Meta refuses it and the thread says why.
    return {
      channel: message.channel,
      to: message.toAddress!,
      text: message.textBody,
      tag: window?.open ? window.tag : null,
      tracking,
    };
  }
  const files = await messageFiles(message.id);
  if (message.channel === "sms")
    return {
      channel: "sms",
      to: message.toAddress!,
      text: message.textBody,
      mediaUrls: files.map((file) => mediaUrl(file.id)),
      tracking,
    };
  return {
    channel: "email",
    from: message.fromAddress!,
    to: message.toAddress!,
    replyTo: replyToAddress(env().POSTMARK_INBOUND_ADDRESS, conversation.mailboxHash),
    subject: message.subject ?? "",
    html: message.htmlBody ?? "",
    text: message.textBody,
    messageIdHeader: message.emailMessageId!,
    replyingTo: message.references?.split(/\s+/).filter(Boolean) ?? [],
    attachments: files,
    tracking,
  };
}

/** How a staff reply is found at its provider when its call got no answer. */
export function staffReplyTracking(message: Pick<Message, "id">): Tracking {
  return { key: "messageId", id: message.id };
}

/** Whether a send that got no answer reached the provider; its id if it did. */
export async function findStaffReplyAtProvider(message: Message): Promise<string | null> {
  // Meta's Send API cannot be searched (retry() asks the agent instead).
  if (!isShopChannel(message.channel)) throw new Error(`${message.channel} sends cannot be looked up`);
  return findTransmitted(
    {
      channel: message.channel,
      to: message.toAddress ?? "",
      text: message.textBody,
      tracking: staffReplyTracking(message),
    },
    new Date(message.createdAt.getTime() - 60_000),
  );
}

async function markSent(message: Message, providerMessageId: string, now: Date): Promise<StaffReplyOutcome> {
  await db.$transaction([
    db.message.update({
      where: { id: message.id },
      data: { deliveryStatus: "sent", providerMessageId, sentAt: now, deliveryError: null, deliveryErrorCode: null },
    }),
    // Answered: nobody is waiting any more.
    db.conversation.update({
      where: { id: message.conversationId },
      data: { lastMessageAt: now, waitingSince: null, needsHuman: false },
    }),
    // A reply to a snoozed conversation is the agent taking it up again: it is open, no longer asleep.
    db.conversation.updateMany({
      where: { id: message.conversationId, status: "snoozed" },
      data: { status: "open", snoozedUntil: null },
    }),
  ]);
  return { outcome: "sent", messageId: message.id };
}

/** Sends a message this request holds (status "sending") and records what happened. */
async function deliver(message: Message, now: Date): Promise<StaffReplyOutcome> {
  const conversation = await db.conversation.findUniqueOrThrow({
    where: { id: message.conversationId },
    select: { mailboxHash: true, customerId: true },
  });
  const outcome = await transmit(await transmissionOf(message, conversation, now), now);
  switch (outcome.kind) {
    case "sent":
      return markSent(message, outcome.providerMessageId, now);
    case "unknown":
      await db.message.update({
        where: { id: message.id },
        data: { deliveryError: outcome.error, deliveryErrorCode: NO_ANSWER },
      });
      return { outcome: "unknown", messageId: message.id, reason: "no_answer" };
    case "transient":
    case "permanent": {
      const code = outcome.kind === "permanent" ? (outcome.code ?? null) : null;
      await db.message.update({
        where: { id: message.id },
        data: { deliveryStatus: "failed", deliveryError: outcome.error, deliveryErrorCode: code },
      });
      return { outcome: "failed", messageId: message.id, error: outcome.error };
    }
  }
}

/** A retry of a reply already written: never a second copy. */
async function retry(message: Message, now: Date): Promise<StaffReplyOutcome> {
  if (message.deliveryStatus === "sent" || message.deliveryStatus === "delivered")
    return { outcome: "sent", messageId: message.id };
  if (message.deliveryStatus === "queued" && message.sendAfter)
    return { outcome: "held", messageId: message.id, sendsAt: message.sendAfter };
  if (
    message.deliveryStatus === "sending" &&
    message.deliveryErrorCode === NO_ANSWER &&
    !isShopChannel(message.channel)
  ) {
    // Meta's Send API cannot be searched: the agent looks in the page's inbox, then sends again or not.
    const error = META_UNCONFIRMED;
    const { count } = await db.message.updateMany({
      where: { id: message.id, deliveryStatus: "sending", deliveryErrorCode: NO_ANSWER },
      data: { deliveryStatus: "failed", deliveryError: error, deliveryErrorCode: null },
    });
    if (count === 1) return { outcome: "failed", messageId: message.id, error };
  }
  if (message.deliveryStatus === "sending" && message.deliveryErrorCode === NO_ANSWER) {
    const providerMessageId = await findStaffReplyAtProvider(message);
    if (providerMessageId) return markSent(message, providerMessageId, now);
    const { count } = await db.message.updateMany({
      where: { id: message.id, deliveryStatus: "sending", deliveryErrorCode: NO_ANSWER },
      data: { deliveryErrorCode: null, deliveryError: null },
    });
    if (count === 1) return deliver(message, now);
  }
  if (message.deliveryStatus === "failed") {
    const { count } = await db.message.updateMany({
      where: { id: message.id, deliveryStatus: "failed" },
      data: { deliveryStatus: "sending", deliveryError: null, deliveryErrorCode: null },
    });
    if (count === 1) return deliver(message, now);
  }
  return { outcome: "unknown", messageId: message.id, reason: "in_progress" };
}

/**
 * A person's reply by email or SMS. Refuses a channel the customer cannot be reached on, stops
 * when someone wrote since the agent looked (unless sent anyway), and sends each reply once.
 */
export async function sendStaffReply(
  input: StaffReplyInput,
  actor: Actor,
  now = new Date(),
  /** From the composer: held for the shop's Undo delay first (Settings), then sent by this process. */
  options: { hold?: boolean } = {},
): Promise<StaffReplyOutcome> {
  const existing = await db.message.findUnique({ where: { clientRequestId: input.clientRequestId } });
  if (existing) {
    if (existing.conversationId !== input.conversationId)
      throw AppError.because("bad_request", "replyInOtherConversation");
    return retry(existing, now);
  }
  if (!input.sendAnyway) {
    const newer = await newerMessages(input.conversationId, input.seenUpToMessageId, actor.id);
    if (newer.length) return { outcome: "stale", newer };
  }
  let message: Message;
  try {
    message = await createReplyMessage(input, actor, now, options.hold ?? false);
  } catch (error) {
    // A double click that raced us to the unique request id: treat it as the retry it is.
    if (isUniqueViolation(error))
      return retry(await db.message.findUniqueOrThrow({ where: { clientRequestId: input.clientRequestId } }), now);
    throw error;
  }
  // Answering it is having read it.
  await markConversationRead(message.conversationId, actor.id, now);
  if (message.deliveryStatus === "queued" && message.sendAfter) {
    const { id, sendAfter } = message;
    // Sent by this process when the delay is over; the dispatcher sends it if the process died.
    runAfterResponse("undo-send", async () => {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, sendAfter.getTime() - Date.now())));
      // A timer may wake a millisecond before the wall clock reaches sendAfter: never "not due yet".
      await sendHeldReply(id, new Date(Math.max(Date.now(), sendAfter.getTime())));
    });
    return { outcome: "held", messageId: id, sendsAt: sendAfter };
  }
  return deliver(message, now);
}

/** Sends a held reply whose Undo delay is over, once, whoever calls first; null when it is not due or gone. */
export async function sendHeldReply(messageId: string, now: Date): Promise<StaffReplyOutcome | null> {
  const { count } = await db.message.updateMany({
    where: { id: messageId, deliveryStatus: "queued", authorType: "staff", sendAfter: { lte: now } },
    data: { deliveryStatus: "sending" },
  });
  if (count === 0) return null;
  return deliver(await db.message.findUniqueOrThrow({ where: { id: messageId } }), now);
}

/**
 * Takes back a held reply before it goes: removed from the thread, its files back in the
 * composer (returned). Only its author can.
 */
export async function undoStaffReply(messageId: string, actorId: string): Promise<UploadedFile[]> {
  const taken = await db
    .$transaction(async (tx) => {
      const held = {
        id: messageId,
        deliveryStatus: "queued" as const,
        authorType: "staff" as const,
        authorUserId: actorId,
      };
      if ((await tx.message.count({ where: held })) === 0) return null;
      const files = await detachUploads(messageId, tx);
      const { count } = await tx.message.deleteMany({ where: held });
      // Sent meanwhile: the files stay with it.
      if (count === 0) throw new HeldReplyGone();
      return files;
    })
    .catch((error) => {
      if (error instanceof HeldReplyGone) return null;
      throw error;
    });
  if (taken) return taken;
  const message = await db.message.findUnique({ where: { id: messageId }, select: { authorUserId: true } });
  if (!message || message.authorUserId !== actorId) throw AppError.because("not_found", "replyGone");
  throw AppError.because("conflict", "replyAlreadySent");
}

class HeldReplyGone extends Error {}

/** The held replies whose request did not send them (its process stopped): the dispatcher's safety net. */
export async function sendOverdueHeldReplies(now: Date): Promise<number> {
  const overdue = await db.message.findMany({
    where: {
      deliveryStatus: "queued",
      authorType: "staff",
      sendAfter: { lte: new Date(now.getTime() - HELD_GRACE_MS) },
      // Held for seconds: the last day is one range of the createdAt index, not a pass over every message.
      createdAt: { gte: new Date(now.getTime() - 24 * 60 * 60_000) },
    },
    select: { id: true },
    take: 100,
  });
  let sent = 0;
  for (const { id } of overdue) if (await sendHeldReply(id, now)) sent++;
  return sent;
}
