import { shopifyWebhook } from "@/lib/shopify/shopify-webhook";
import { receiveWebhook } from "@/lib/webhooks/receive-webhook";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return receiveWebhook(shopifyWebhook, request);
}
