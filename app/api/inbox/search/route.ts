import { z } from "zod";
import { requireRoutePermission } from "@/lib/auth/route-access";
import { errorResponse } from "@/lib/http/json-response";
import { searchInbox } from "@/lib/search/search-inbox";

export const dynamic = "force-dynamic";

// Lengths are checked by searchInbox, which says what is wrong; this only bounds the raw input.
const query = z.object({ q: z.string().max(1_000).default(""), cursor: z.string().max(500).optional() });

/** Messages and customers matching ?q=, newest messages first; ?cursor= for the next page. */
export async function GET(request: Request) {
  const access = await requireRoutePermission("inbox.work");
  if ("response" in access) return access.response;
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    const error = parsed.error.issues[0]?.path[0] === "cursor" ? "That page of results is no longer valid; search again." : "The search text is too long.";
    return Response.json({ error }, { status: 400 });
  }
  try {
    const result = await searchInbox({ query: parsed.data.q, cursor: parsed.data.cursor });
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "inbox search");
  }
}
