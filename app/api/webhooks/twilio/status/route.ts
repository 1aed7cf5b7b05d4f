import { errorResponse } from "@/lib/http/json-response";
import { receiveStatusCallback } from "@/lib/twilio/receive-status-callback";
import { verifyTwilioRequest } from "@/lib/twilio/verify-twilio-request";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    const url = new URL(request.url);
    const params = verifyTwilioRequest(await request.text(), request.headers, url.pathname, url.search);
    return Response.json({ status: await receiveStatusCallback(params) });
  } catch (error) {
    return errorResponse(error, "twilio status webhook");
  }
}
