import { errorResponse } from "@/lib/http/json-response";
import { followTrackedLink } from "@/lib/links/follow-tracked-link";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    const target = await followTrackedLink((await params).token, request.headers.get("user-agent"));
    if (!target) return new Response("This link is not valid.", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
    return new Response(null, { status: 302, headers: { location: target, "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "tracked link");
  }
}
