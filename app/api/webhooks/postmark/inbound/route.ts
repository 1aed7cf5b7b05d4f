import { errorResponse } from "@/lib/http/json-response";
import { receivePostmarkInbound } from "@/lib/postmark/receive-postmark-inbound";
import { readJsonBody, verifyPostmarkBasicAuth } from "@/lib/postmark/verify-basic-auth";

export const dynamic = "force-dynamic";

// Postmark accepts inbound mail up to 35 MB; base64 attachments grow by a third in JSON.
const MAX_INBOUND_BYTES = 50 * 1024 * 1024;

export async function POST(request: Request) {
  try {
    verifyPostmarkBasicAuth(request.headers);
    return Response.json(await receivePostmarkInbound(await readJsonBody(request, MAX_INBOUND_BYTES)));
  } catch (error) {
    return errorResponse(error, "postmark inbound webhook");
  }
}
