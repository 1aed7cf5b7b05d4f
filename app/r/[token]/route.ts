import { errorResponse } from "@/lib/http/json-response";
import { publicPageMessages } from "@/lib/i18n/messages/public-pages";
import { resolveUiLocale, translator } from "@/lib/i18n/translate";
import { followTrackedLink } from "@/lib/links/follow-tracked-link";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    const target = await followTrackedLink((await params).token, request.headers.get("user-agent"));
    if (!target) {
      // Unknown token, so unknown customer: the browser's language.
      const t = translator(publicPageMessages, resolveUiLocale(null, request.headers.get("accept-language")));
      return new Response(t("invalidTrackedLink"), {
        status: 404,
        headers: { "content-type": "text/plain; charset=utf-8" },
      });
    }
    return new Response(null, { status: 302, headers: { location: target, "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "tracked link");
  }
}
