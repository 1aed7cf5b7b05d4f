import { errorResponse } from "@/lib/http/json-response";
import { receiveShopifyWebhook } from "@/lib/shopify/receive-shopify-webhook";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    const rawBody = Buffer.from(await request.arrayBuffer());
    return Response.json(await receiveShopifyWebhook(rawBody, request.headers));
  } catch (error) {
    return errorResponse(error, "shopify webhook");
  }
}
