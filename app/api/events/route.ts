import { InvalidEventError, receiveApiEvent } from "@/lib/events-api/receive-api-event";
import { errorResponse } from "@/lib/http/json-response";
import { readTextBody } from "@/lib/http/read-body";

export const dynamic = "force-dynamic";

const MAX_EVENT_BYTES = 1024 * 1024;

/** The generic events API: see docs/EVENTS_API.md. */
export async function POST(request: Request) {
  try {
    return Response.json(await receiveApiEvent(request.headers.get("authorization"), await readTextBody(request, MAX_EVENT_BYTES)));
  } catch (error) {
    if (error instanceof InvalidEventError) return Response.json({ error: "Invalid event", issues: error.issues }, { status: 400 });
    return errorResponse(error, "events api");
  }
}
