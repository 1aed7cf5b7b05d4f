import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { channelTransports } from "@/lib/env";
import { outboxEmailHtml } from "@/lib/outbox/list-outbox";

export const dynamic = "force-dynamic";

// An outbox email's HTML, opened on its own page as a mail client would show it: its own strict
// policy (no script, no request but images), since it is the app's own rendering of a template.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user || !can(user.role, "outbox.use")) return new Response("Sign in first.", { status: 401 });
  if (channelTransports().email !== "outbox") return new Response("Not found.", { status: 404 });
  const html = await outboxEmailHtml((await params).id);
  if (html === null) return new Response("Not found.", { status: 404 });
  return new Response(html, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy":
        "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
    },
  });
}
