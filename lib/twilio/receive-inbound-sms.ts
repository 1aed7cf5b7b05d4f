import "server-only";
import twilio from "twilio";
import { optInToSms, optOutOfSms } from "@/lib/consent/sms-opt-out";
import { AppError } from "@/lib/errors";
import { ingestInboundMessage } from "@/lib/inbound/ingest-inbound-message";
import { CARRIER_HANDLED, normalizeKeyword, smsKeyword } from "@/lib/inbound/sms-keywords";
import { normalizePhone } from "@/lib/phone/normalize-phone";
import { getShopSettingsRow } from "@/lib/settings/get-shop-settings";
import { processWebhookOnce } from "@/lib/webhooks/process-webhook-once";

const REPLIES = {
  help: {
    en: (shop: string, founder: string) => `${shop}: your texts reach ${founder} directly. Reply STOP to opt out.`,
    fr: (shop: string, founder: string) => `${shop} : vos SMS arrivent directement chez ${founder}. STOP pour ne plus recevoir de SMS.`,
  },
  optedOut: {
    en: (shop: string) => `You will get no more texts from ${shop}.`,
    fr: (shop: string) => `Vous ne recevrez plus de SMS de ${shop}.`,
  },
};

/** One inbound SMS: stored in the customer's thread once per MessageSid, keywords applied. Returns TwiML. */
export async function receiveInboundSms(params: Record<string, string>): Promise<{ twiml: string; messageId: string | null }> {
  const { MessageSid: sid, From: from, Body: body = "", To: to } = params;
  const phone = normalizePhone(from);
  if (!sid || !phone) throw new AppError("bad_request", "MessageSid and a valid From number are required.");
  const response = new twilio.twiml.MessagingResponse();
  const outcome = await processWebhookOnce({ provider: "twilio", externalId: sid, topic: "sms.inbound" }, async (tx) => {
    const now = new Date();
    const { customerId, messageId } = await ingestInboundMessage(
      { channel: "sms", providerMessageId: sid, fromEmail: null, fromPhone: phone, fromName: null, to: to ?? null, subject: null, textBody: body, strippedText: null, htmlBody: null, emailMessageId: null, inReplyTo: null, references: [], mailboxHash: null, receivedAt: now, attachments: [] },
      tx,
    );
    const keyword = smsKeyword(body);
    if (!keyword) return { messageId, reply: null };
    const settings = await getShopSettingsRow(tx);
    const customer = await tx.customer.findUniqueOrThrow({ where: { id: customerId } });
    const shop = settings?.shopName ?? "this shop";
    if (keyword === "opt_out") {
      await optOutOfSms(customerId, "sms_keyword", body.trim(), now, tx);
      // Twilio confirms its standard keywords itself; French ARRET is ours to confirm.
      return { messageId, reply: CARRIER_HANDLED.has(normalizeKeyword(body)) ? null : REPLIES.optedOut[customer.locale](shop) };
    }
    if (keyword === "opt_in") {
      await optInToSms(customerId, "sms_keyword", body.trim(), now, tx);
      return { messageId, reply: null }; // Twilio confirms START/UNSTOP/YES itself
    }
    return { messageId, reply: REPLIES.help[customer.locale](shop, settings?.founderName ?? shop) };
  });
  if (outcome.duplicate) return { twiml: response.toString(), messageId: null };
  if (outcome.result.reply) response.message(outcome.result.reply);
  return { twiml: response.toString(), messageId: outcome.result.messageId };
}
