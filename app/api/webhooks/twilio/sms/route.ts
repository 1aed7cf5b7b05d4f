import { classifyInboundMessage } from "@/lib/classification/classify-inbound-message";
import { errorResponse } from "@/lib/http/json-response";
import { readTextBody } from "@/lib/http/read-body";
import { runAfterResponse } from "@/lib/http/run-after-response";
import { receiveInboundSms } from "@/lib/twilio/receive-inbound-sms";
import { MAX_TWILIO_BODY_BYTES, verifyTwilioRequest } from "@/lib/twilio/verify-twilio-request";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    const url = new URL(request.url);
    const params = verifyTwilioRequest(await readTextBody(request, MAX_TWILIO_BODY_BYTES), request.headers, url.pathname, url.search);
    const { twiml, messageId } = await receiveInboundSms(params);
    // Classified and routed after the answer: Twilio gets its TwiML at once.
    if (messageId) runAfterResponse("classify sms", () => classifyInboundMessage(messageId));
    return new Response(twiml, { headers: { "content-type": "text/xml; charset=utf-8" } });
  } catch (error) {
    return errorResponse(error, "twilio sms webhook");
  }
}
