import { classifyInboundMessage } from "@/lib/classification/classify-inbound-message";
import { errorResponse } from "@/lib/http/json-response";
import { runAfterResponse } from "@/lib/http/run-after-response";
import { receivePostmarkInbound } from "@/lib/postmark/receive-postmark-inbound";
import { readJsonBody, verifyPostmarkBasicAuth } from "@/lib/postmark/verify-basic-auth";

export const dynamic = "force-dynamic";

// Postmark accepts inbound mail up to 35 MB; base64 attachments grow by a third in JSON.
const MAX_INBOUND_BYTES = 50 * 1024 * 1024;

export async function POST(request: Request) {
  try {
    verifyPostmarkBasicAuth(request.headers);
    const { messageId, ...result } = await receivePostmarkInbound(await readJsonBody(request, MAX_INBOUND_BYTES));
    // Classified and routed after the answer: a slow classifier never makes Postmark retry.
    if (messageId) runAfterResponse("classify email", () => classifyInboundMessage(messageId));
    return Response.json(result);
  } catch (error) {
    return errorResponse(error, "postmark inbound webhook");
  }
}
