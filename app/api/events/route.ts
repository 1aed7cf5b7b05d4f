import { eventsApiWebhook } from "@/lib/events-api/events-api-webhook";
import { receiveWebhook } from "@/lib/webhooks/receive-webhook";

export const dynamic = "force-dynamic";

/** The generic events API: see docs/EVENTS_API.md. */
export async function POST(request: Request) {
  return receiveWebhook(eventsApiWebhook, request);
}
