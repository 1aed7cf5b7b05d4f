import { handleUnsubscribeRequest } from "@/lib/consent/handle-unsubscribe-request";
import { errorResponse } from "@/lib/http/json-response";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

async function answer(method: "GET" | "POST", request: Request, { params }: Context) {
  try {
    const { token } = await params;
    const { status, html } = await handleUnsubscribeRequest(
      method,
      token,
      new URL(request.url).pathname,
      request.headers.get("accept-language"),
    );
    return new Response(html, {
      status,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error, "unsubscribe");
  }
}

export const GET = (request: Request, context: Context) => answer("GET", request, context);
export const POST = (request: Request, context: Context) => answer("POST", request, context);
