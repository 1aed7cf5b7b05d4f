import { z } from "zod";
import { requireRoutePermission } from "@/lib/auth/route-access";
import { errorResponse } from "@/lib/http/json-response";
import { heartbeat, leave } from "@/lib/inbox/presence";

export const dynamic = "force-dynamic";

const body = z.object({ replying: z.boolean().default(false) });

/** A heartbeat from an open conversation page: answers who else is there and the newest message. */
export async function POST(request: Request, { params }: { params: Promise<{ conversationId: string }> }) {
  const access = await requireRoutePermission("inbox.work");
  if ("response" in access) return access.response;
  const parsed = body.safeParse(await request.json().catch(() => ({})));
  if (!parsed.success) return Response.json({ error: "Send { replying: boolean }." }, { status: 400 });
  try {
    const snapshot = await heartbeat((await params).conversationId, access.user.id, parsed.data.replying);
    return Response.json(snapshot, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "presence");
  }
}

export async function DELETE(_request: Request, { params }: { params: Promise<{ conversationId: string }> }) {
  const access = await requireRoutePermission("inbox.work");
  if ("response" in access) return access.response;
  await leave((await params).conversationId, access.user.id);
  return new Response(null, { status: 204 });
}
