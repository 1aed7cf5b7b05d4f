import { z } from "zod";
import { requireRoutePermission } from "@/lib/auth/route-access";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/json-response";
import { getUiLocale } from "@/lib/auth/viewer-locale";
import { SEARCH_MAX_LENGTH, searchInbox } from "@/lib/search/search-inbox";

export const dynamic = "force-dynamic";

// Lengths are checked by searchInbox, which says what is wrong; this only bounds the raw input.
const query = z.object({ q: z.string().max(1_000).default(""), cursor: z.string().max(500).optional() });

/** Messages and customers matching ?q=, newest messages first; ?cursor= for the next page. */
export async function GET(request: Request) {
  const access = await requireRoutePermission("inbox.work");
  if ("response" in access) return access.response;
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    const tooLong = AppError.because(
      "bad_request",
      parsed.error.issues[0]?.path[0] === "cursor" ? "searchPageGone" : "searchTooLong",
      { max: SEARCH_MAX_LENGTH },
    );
    return errorResponse(tooLong, "inbox search", await getUiLocale());
  }
  try {
    const result = await searchInbox({ query: parsed.data.q, cursor: parsed.data.cursor });
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "inbox search", await getUiLocale());
  }
}
