import { answerSubscription, metaWebhook } from "@/lib/meta/meta-webhooks";
import { receiveWebhook } from "@/lib/webhooks/receive-webhook";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return answerSubscription(new URL(request.url));
}

export async function POST(request: Request) {
  return receiveWebhook(metaWebhook, request);
}
