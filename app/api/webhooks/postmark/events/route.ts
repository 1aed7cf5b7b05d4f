import { errorResponse } from "@/lib/http/json-response";
import { receivePostmarkEvent } from "@/lib/postmark/receive-postmark-event";
import { readJsonBody, verifyPostmarkBasicAuth } from "@/lib/postmark/verify-basic-auth";

export const dynamic = "force-dynamic";

const MAX_EVENT_BYTES = 1024 * 1024;

export async function POST(request: Request) {
  try {
    verifyPostmarkBasicAuth(request.headers);
    return Response.json(await receivePostmarkEvent(await readJsonBody(request, MAX_EVENT_BYTES)));
  } catch (error) {
    return errorResponse(error, "postmark events webhook");
  }
}
