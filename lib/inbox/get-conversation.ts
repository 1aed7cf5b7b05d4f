import "server-only";
import { withSmsState } from "@/lib/consent/sms-consent";
import { db } from "@/lib/db";
import { sanitizeEmailHtml } from "@/lib/inbound/sanitize-email-html";

/** A conversation with its thread (HTML sanitized here, on the server) and the customer's context. */
export async function getConversation(id: string) {
  const conversation = await db.conversation.findUnique({
    where: { id },
    include: {
      assignee: { select: { id: true, name: true } },
      tags: { include: { tag: true } },
      frictionMarks: { include: { category: true } },
      messages: {
        orderBy: { createdAt: "asc" },
        include: {
          authorUser: { select: { name: true } },
          scheduledMessage: { select: { flow: true, step: true } },
          attachments: { select: { id: true, filename: true, contentType: true, size: true, droppedReason: true } },
        },
      },
      customer: {
        include: {
          channelIdentities: {
            orderBy: { createdAt: "asc" },
            select: { id: true, channel: true, externalId: true, profileName: true, linkedAt: true },
          },
          orders: {
            orderBy: { placedAt: "desc" },
            take: 10,
            select: {
              id: true,
              number: true,
              totalPrice: true,
              currency: true,
              placedAt: true,
              paidAt: true,
              deliveredAt: true,
              cancelledAt: true,
              lineItems: { take: 1, select: { title: true } },
            },
          },
          scheduledMessages: {
            orderBy: { dueAt: "asc" },
            take: 30,
            select: {
              id: true,
              flow: true,
              step: true,
              channel: true,
              status: true,
              dueAt: true,
              sentAt: true,
              statusReason: true,
            },
          },
          conversations: {
            where: { id: { not: id }, mergedIntoId: null },
            orderBy: { lastMessageAt: "desc" },
            take: 10,
            select: { id: true, subject: true, status: true, lastMessageAt: true },
          },
          phoneNumbers: {
            orderBy: { createdAt: "asc" },
            select: { number: true, consentAt: true, optedOutAt: true, unreachableAt: true },
          },
          consentEvents: {
            orderBy: { occurredAt: "desc" },
            take: 10,
            select: {
              id: true,
              channel: true,
              change: true,
              address: true,
              source: true,
              wording: true,
              occurredAt: true,
            },
          },
        },
      },
    },
  });
  if (!conversation) return null;
  const messages = conversation.messages.map(({ htmlBody, ...message }) => {
    const html =
      htmlBody && message.direction === "inbound"
        ? {
            blocked: sanitizeEmailHtml(htmlBody, { showRemoteImages: false }),
            withImages: sanitizeEmailHtml(htmlBody, { showRemoteImages: true }).html,
          }
        : null;
    return {
      ...message,
      html: html
        ? {
            safeHtml: html.blocked.html,
            safeHtmlWithImages: html.withImages,
            blockedImages: html.blocked.blockedImages,
          }
        : null,
    };
  });
  return { ...conversation, customer: await withSmsState(conversation.customer, db), messages };
}

export type ConversationDetail = NonNullable<Awaited<ReturnType<typeof getConversation>>>;
