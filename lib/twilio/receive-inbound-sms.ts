import "server-only";
import twilio from "twilio";
import { liftKeywordOptOut, optOutNumber } from "@/lib/consent/sms-consent";
import { AppError } from "@/lib/errors";
import { ingestInboundMessage } from "@/lib/inbound/ingest-inbound-message";
import { CARRIER_HANDLED, normalizeKeyword, smsKeyword } from "@/lib/inbound/sms-keywords";
import { normalizePhone } from "@/lib/phone/normalize-phone";
import { getShopSettingsRow } from "@/lib/settings/get-shop-settings";
import { TEMPLATE_KEYS } from "@/lib/templates/default-templates";
import { renderAutoReplySms } from "@/lib/templates/render-auto-reply";
import { processWebhookOnce } from "@/lib/webhooks/process-webhook-once";

/** One inbound SMS: stored in the customer's thread once per MessageSid, keywords applied. Returns TwiML. */
export async function receiveInboundSms(params: Record<string, string>, now = new Date()): Promise<{ twiml: string; messageId: string | null; reply: string | null }> {
  const { MessageSid: sid, From: from, Body: body = "", To: to } = params;
  const phone = normalizePhone(from);
  if (!sid || !phone) throw new AppError("bad_request", "MessageSid and a valid From number are required.");
  const response = new twilio.twiml.MessagingResponse();
  const outcome = await processWebhookOnce({ provider: "twilio", externalId: sid, topic: "sms.inbound" }, async (tx) => {
    const { customerId, messageId } = await ingestInboundMessage(
      { channel: "sms", providerMessageId: sid, fromEmail: null, fromPhone: phone, fromName: null, to: to ?? null, subject: null, textBody: body, strippedText: null, htmlBody: null, emailMessageId: null, inReplyTo: null, references: [], mailboxHash: null, receivedAt: now, attachments: [], senderCheck: null },
      tx,
    );
    const keyword = smsKeyword(body);
    if (!keyword) return { messageId, reply: null };
    const settings = await getShopSettingsRow(tx);
    const customer = await tx.customer.findUniqueOrThrow({ where: { id: customerId } });
    if (keyword === "opt_out") {
      await optOutNumber(phone, "keyword", "sms_keyword", body.trim(), now, tx);
      // Twilio confirms its standard keywords itself; French ARRET is ours to confirm.
      return { messageId, reply: CARRIER_HANDLED.has(normalizeKeyword(body)) ? null : await renderAutoReplySms(TEMPLATE_KEYS.optOutConfirmation, customer, settings, tx) };
    }
    if (keyword === "opt_in") {
      // Lifts a STOP from this number only; never a first consent (Twilio's own semantics).
      await liftKeywordOptOut(phone, "sms_keyword", body.trim(), now, tx);
      return { messageId, reply: null }; // Twilio confirms START/UNSTOP/YES itself
    }
    return { messageId, reply: await renderAutoReplySms(TEMPLATE_KEYS.helpReply, customer, settings, tx) };
  }, { alreadyStored: async (tx) => Boolean(await tx.message.findUnique({ where: { providerMessageId: sid }, select: { id: true } })) });
  if (outcome.duplicate) return { twiml: response.toString(), messageId: null, reply: null };
  if (outcome.result.reply) response.message(outcome.result.reply);
  return { twiml: response.toString(), messageId: outcome.result.messageId, reply: outcome.result.reply };
}
