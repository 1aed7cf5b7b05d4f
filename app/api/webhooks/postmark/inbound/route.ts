import { postmarkInboundWebhook } from "@/lib/postmark/postmark-webhooks";
import { receiveWebhook } from "@/lib/webhooks/receive-webhook";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return receiveWebhook(postmarkInboundWebhook, request);
}
