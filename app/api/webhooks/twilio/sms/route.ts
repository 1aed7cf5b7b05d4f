import { errorResponse } from "@/lib/http/json-response";
import { receiveInboundSms } from "@/lib/twilio/receive-inbound-sms";
import { verifyTwilioRequest } from "@/lib/twilio/verify-twilio-request";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    const url = new URL(request.url);
    const params = verifyTwilioRequest(await request.text(), request.headers, url.pathname, url.search);
    return new Response(await receiveInboundSms(params), { headers: { "content-type": "text/xml; charset=utf-8" } });
  } catch (error) {
    return errorResponse(error, "twilio sms webhook");
  }
}
