import "server-only";
import { CHANNEL_LABEL } from "@/lib/channels/channels";
import { customerName } from "@/lib/customers/customer-name";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { transmit } from "@/lib/delivery/transmit";
import { configuredChannels } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/i18n/format";
import { inboxMessages } from "@/lib/i18n/messages/inbox";
import { translator, type UiLocale } from "@/lib/i18n/translate";
import { staffSignature, staffFromAddress } from "@/lib/inbox/staff-signature";
import { getShopSettingsRow } from "@/lib/settings/get-shop-settings";
import { renderEmailHtml, renderEmailText } from "@/lib/templates/render-email-html";
import { ourMessageId, replySubject } from "@/lib/threading/reply-headers";

export const forwardSchema = z.object({
  conversationId: z.string().min(1),
  /** One message of it; without, the whole conversation. */
  messageId: z.string().min(1).nullable().default(null),
  to: z.string().trim().toLowerCase().email("Enter an email address").max(320),
  note: z.string().trim().max(5_000, "5,000 characters at most").default(""),
});
export type ForwardInput = z.infer<typeof forwardSchema>;

/**
 * Emails a conversation, or one message of it, to an outside address (the carrier, a supplier):
 * a normal email from the shop with the agent's note on top, sent through the delivery engine and
 * recorded in the thread as a forward (a note the customer never sees). Audited.
 */
export async function forwardConversation(
  input: ForwardInput,
  actor: { id: string; name: string },
  locale: UiLocale,
  timeZone: string,
  now = new Date(),
): Promise<{ messageId: string; outcome: "sent" | "failed"; error?: string }> {
  if (!configuredChannels().email) throw AppError.because("not_configured", "forwardNeedsEmail");
  const settings = await getShopSettingsRow();
  if (!settings) throw AppError.because("bad_request", "setUpShopFirst");
  const conversation = await db.conversation.findUnique({
    where: { id: input.conversationId },
    include: {
      customer: { select: { firstName: true, lastName: true, email: true, phone: true } },
      messages: {
        where: { isInternalNote: false, ...(input.messageId ? { id: input.messageId } : {}) },
        orderBy: { createdAt: "asc" },
        include: { authorUser: { select: { name: true } } },
      },
    },
  });
  if (!conversation) throw AppError.because("not_found", "conversationGone");
  if (conversation.messages.length === 0) throw AppError.because("not_found", "messageGone");

  const t = translator(inboxMessages, locale);
  const customer = customerName(conversation.customer) ?? "";
  const transcript = conversation.messages
    .map((m) => {
      const from =
        m.direction === "inbound"
          ? customer
          : (m.authorUser?.name ?? (m.authorType === "automation" ? settings.founderName : settings.shopName));
      return [
        t("forwardFrom", { name: from, channel: t(CHANNEL_LABEL[m.channel]) }),
        t("forwardDate", { time: formatDateTime(m.createdAt, locale, timeZone) }),
        "",
        (m.strippedText ?? m.textBody).trim(),
      ].join("\n");
    })
    .join("\n\n");
  const body = [input.note, `---------- ${t("forwardHeader")} ----------`, transcript].filter(Boolean).join("\n\n");
  const subject = replySubject(conversation.subject ?? settings.shopName).replace(/^Re: /, "Fwd: ");
  const parts = {
    body,
    preheader: null,
    signature: staffSignature(actor.name, settings.shopName),
    unsubscribeUrl: null,
    unsubscribeLabel: "",
    locale,
    // The customers' words are quoted as they wrote them: no "[label](url)" turned into a link.
    markup: false,
  };
  const id = crypto.randomUUID();
  const message = await db.message.create({
    data: {
      id,
      conversationId: conversation.id,
      direction: "outbound",
      channel: "email",
      authorType: "staff",
      authorUserId: actor.id,
      isInternalNote: true,
      forwardedTo: input.to,
      fromAddress: staffFromAddress(actor.name, settings.shopName, settings.senderEmail),
      toAddress: input.to,
      subject,
      textBody: renderEmailText(parts),
      htmlBody: renderEmailHtml(parts),
      emailMessageId: ourMessageId("reply", id, settings.senderEmail),
      deliveryStatus: "sending",
      createdAt: now,
    },
  });
  const outcome = await transmit(
    {
      channel: "email",
      from: message.fromAddress!,
      to: input.to,
      replyTo: null,
      subject,
      html: message.htmlBody!,
      text: message.textBody,
      messageIdHeader: message.emailMessageId!,
      replyingTo: [],
      tracking: { key: "messageId", id },
    },
    now,
  );
  const sent = outcome.kind === "sent";
  await db.message.update({
    where: { id },
    data: sent
      ? { deliveryStatus: "sent", providerMessageId: outcome.providerMessageId, sentAt: now }
      : { deliveryStatus: "failed", deliveryError: outcome.error },
  });
  await recordAudit({
    actorUserId: actor.id,
    action: "conversation.forwarded",
    entityType: "conversation",
    entityId: conversation.id,
    data: { to: input.to, messageId: input.messageId, outcome: outcome.kind },
  });
  return sent ? { messageId: id, outcome: "sent" } : { messageId: id, outcome: "failed", error: outcome.error };
}
