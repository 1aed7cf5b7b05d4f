import { errorResponse } from "@/lib/http/json-response";
import { readTextBody } from "@/lib/http/read-body";
import { receiveStatusCallback } from "@/lib/twilio/receive-status-callback";
import { MAX_TWILIO_BODY_BYTES, verifyTwilioRequest } from "@/lib/twilio/verify-twilio-request";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    const url = new URL(request.url);
    const params = verifyTwilioRequest(await readTextBody(request, MAX_TWILIO_BODY_BYTES), request.headers, url.pathname, url.search);
    return Response.json({ status: await receiveStatusCallback(params) });
  } catch (error) {
    return errorResponse(error, "twilio status webhook");
  }
}
