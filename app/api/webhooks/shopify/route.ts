import { errorResponse } from "@/lib/http/json-response";
import { readBody } from "@/lib/http/read-body";
import { receiveShopifyWebhook } from "@/lib/shopify/receive-shopify-webhook";

export const dynamic = "force-dynamic";

// An order with a few hundred lines is well under this.
const MAX_SHOPIFY_BODY_BYTES = 5 * 1024 * 1024;

export async function POST(request: Request) {
  try {
    const rawBody = await readBody(request, MAX_SHOPIFY_BODY_BYTES);
    return Response.json(await receiveShopifyWebhook(rawBody, request.headers));
  } catch (error) {
    return errorResponse(error, "shopify webhook");
  }
}
