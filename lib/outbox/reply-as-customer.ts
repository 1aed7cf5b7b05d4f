import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { z } from "zod";
import { triageInboundMessage } from "@/lib/routing/triage-inbound-message";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { recordOutboxSms } from "@/lib/delivery/providers/outbox-store";
import { activeTransports } from "@/lib/delivery/providers/transport";
import { receivePostmarkInbound } from "@/lib/postmark/receive-postmark-inbound";
import { postmarkInboundBody, twilioInboundSmsParams } from "@/lib/outbox/provider-payloads";
import { receiveInboundSms } from "@/lib/twilio/receive-inbound-sms";

// "Reply as the customer" in a demo's Outbox: the answer is written in the provider's wire format
// and goes through the same path as a webhook (mapping, threading, keywords, classification,
// routing), so what the newcomer sees is what a real reply does.

export const CANNED_CUSTOMER_REPLIES = {
  happy: { fr: "Merci beaucoup, tout est parfait, je suis ravie !", en: "Thank you so much, it's perfect, I love it!" },
  problem: {
    fr: "Bonjour, le colis est arrivé abîmé et le produit est cassé. Que puis-je faire ?",
    en: "Hi, it arrived broken, the glass jar is cracked and wax leaked in the box.",
  },
  stop: { fr: "STOP", en: "STOP" },
} as const;
export type CannedCustomerReply = keyof typeof CANNED_CUSTOMER_REPLIES;

export const replyAsCustomerSchema = z.object({
  outboxMessageId: z.string().min(1),
  text: z
    .string()
    .trim()
    .min(1, "Write the customer's answer, or pick one of the ready answers.")
    .max(5000, "Keep the answer under 5,000 characters."),
});

export type CustomerReplyResult = {
  conversationId: string | null;
  messageId: string | null;
  labels: { sentiment: string | null; intent: string | null };
  answer: string | null;
};

const DEMO_ACCOUNT_SID = `AC${"0".repeat(32)}`;

export async function replyAsCustomer(
  input: z.infer<typeof replyAsCustomerSchema>,
  now = new Date(),
): Promise<CustomerReplyResult> {
  const transports = activeTransports();
  if (transports.email !== "outbox" && transports.sms !== "outbox")
    throw AppError.because("not_found", "outboxDemoOnly");
  const sent = await db.outboxMessage.findUnique({ where: { id: input.outboxMessageId } });
  if (!sent) throw AppError.because("not_found", "outboxMessageGone");
  const customer = await db.customer.findFirst({
    where:
      sent.channel === "email"
        ? { email: sent.toAddress.toLowerCase() }
        : { OR: [{ phone: sent.toAddress }, { phoneNumbers: { some: { number: sent.toAddress } } }] },
  });

  let messageId: string | null;
  let answer: string | null = null;
  if (sent.channel === "email") {
    const headers = (sent.headers as { name: string; value: string }[] | null) ?? [];
    const to = sent.replyTo ?? sent.fromAddress.replace(/^.*<([^>]+)>.*$/, "$1");
    const body = postmarkInboundBody(
      {
        messageId: randomUUID(),
        from: { email: sent.toAddress, name: [customer?.firstName, customer?.lastName].filter(Boolean).join(" ") },
        to,
        mailboxHash: /\+([^@]+)@/.exec(to)?.[1] ?? null,
        subject: /^re\s*:/i.test(sent.subject ?? "") ? (sent.subject ?? "") : `Re: ${sent.subject ?? ""}`,
        text: input.text,
        inReplyTo: headers.find((h) => h.name.toLowerCase() === "message-id")?.value ?? null,
        emailMessageId: `<${randomBytes(10).toString("hex")}@${sent.toAddress.split("@")[1] ?? "mail.example"}>`,
        date: now,
      },
      sent.textBody,
    );
    ({ messageId = null } = await receivePostmarkInbound(body, now));
  } else {
    const country = parsePhoneNumberFromString(sent.toAddress)?.country ?? "FR";
    const params = twilioInboundSmsParams(`SM${randomBytes(16).toString("hex")}`, sent.toAddress, country, input.text, {
      twilioAccountSid: env().TWILIO_ACCOUNT_SID ?? DEMO_ACCOUNT_SID,
      twilioFromNumber: sent.fromAddress,
    });
    const received = await receiveInboundSms(params, now);
    messageId = received.messageId;
    answer = received.reply;
    // Twilio would text its TwiML answer (a HELP or ARRET confirmation) itself: the Outbox shows it.
    if (answer)
      await recordOutboxSms({ to: sent.toAddress, body: answer, statusCallback: null }, now, "keyword_answer");
  }
  if (!messageId) return { conversationId: null, messageId: null, labels: { sentiment: null, intent: null }, answer };
  // Classified at once (a webhook does it just after answering): the demo shows the labels.
  await triageInboundMessage(messageId, now);
  const stored = await db.message.findUniqueOrThrow({
    where: { id: messageId },
    select: { conversationId: true, sentiment: true, intent: true },
  });
  return {
    conversationId: stored.conversationId,
    messageId,
    labels: { sentiment: stored.sentiment, intent: stored.intent },
    answer,
  };
}
