import "server-only";
import twilio from "twilio";
import { liftKeywordOptOut, optOutNumber } from "@/lib/consent/sms-consent";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/db";
import { ingestInboundMessage } from "@/lib/inbound/ingest-inbound-message";
import { chatMessage } from "@/lib/inbound/inbound-message";
import { CARRIER_HANDLED, normalizeKeyword, smsKeyword } from "@/lib/inbound/sms-keywords";
import { normalizePhone } from "@/lib/phone/normalize-phone";
import { getShopSettingsRow } from "@/lib/settings/get-shop-settings";
import { TEMPLATE_KEYS } from "@/lib/templates/default-templates";
import { renderAutoReplySms } from "@/lib/templates/render-auto-reply";

/** One inbound SMS: stored in the customer's thread once per MessageSid, keywords applied. Returns TwiML. */
export async function receiveInboundSms(
  params: Record<string, string>,
  now = new Date(),
): Promise<{ twiml: string; messageId: string | null; reply: string | null }> {
  const { MessageSid: sid, From: from, Body: body = "", To: to } = params;
  const phone = normalizePhone(from);
  if (!sid || !phone) throw new AppError("bad_request", "MessageSid and a valid From number are required.");
  const response = new twilio.twiml.MessagingResponse();
  const key = { provider: "twilio", externalId: sid, topic: "sms.inbound" } as const;
  const message = chatMessage({
    channel: "sms",
    providerMessageId: sid,
    fromPhone: phone,
    to: to ?? null,
    textBody: body,
    receivedAt: now,
  });
  const keyword = smsKeyword(body);
  // Most messages are stored in one statement; a keyword is applied in the same transaction, so
  // a failure leaves neither and Twilio's retry gets a second chance.
  const outcome = !keyword
    ? { ...(await ingestInboundMessage(key, message)), reply: null }
    : await db.$transaction(async (tx) => {
        const stored = await ingestInboundMessage(key, message, tx);
        if (stored.duplicate) return { ...stored, reply: null };
        const settings = await getShopSettingsRow(tx);
        const customer = await tx.customer.findUniqueOrThrow({ where: { id: stored.customerId } });
        if (keyword === "opt_out") {
          await optOutNumber(phone, "keyword", "sms_keyword", body.trim(), now, tx);
          // Twilio confirms its standard keywords itself; French ARRET is ours to confirm.
          return {
            ...stored,
            reply: CARRIER_HANDLED.has(normalizeKeyword(body))
              ? null
              : await renderAutoReplySms(TEMPLATE_KEYS.optOutConfirmation, customer, settings, tx),
          };
        }
        if (keyword === "opt_in") {
          // Lifts a STOP from this number only; never a first consent (Twilio's own semantics).
          await liftKeywordOptOut(phone, "sms_keyword", body.trim(), now, tx);
          return { ...stored, reply: null }; // Twilio confirms START/UNSTOP/YES itself
        }
        return { ...stored, reply: await renderAutoReplySms(TEMPLATE_KEYS.helpReply, customer, settings, tx) };
      });
  if (outcome.duplicate) return { twiml: response.toString(), messageId: null, reply: null };
  if (outcome.reply) response.message(outcome.reply);
  return { twiml: response.toString(), messageId: outcome.messageId, reply: outcome.reply };
}
