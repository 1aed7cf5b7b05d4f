import { requireRoutePermission } from "@/lib/auth/route-access";
import { getUiLocale } from "@/lib/auth/viewer-locale";
import { downloadHeaders } from "@/lib/attachments/attachment-rules";
import { readAttachment, removeReplyUpload } from "@/lib/attachments/reply-uploads";
import { errorResponse } from "@/lib/http/json-response";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ attachmentId: string }> };

/** A file of a conversation (a customer's or a reply's), saved, never run: see downloadHeaders. `?inline=1` shows a picture. */
export async function GET(request: Request, { params }: Context) {
  const access = await requireRoutePermission("inbox.work");
  if ("response" in access) return access.response;
  try {
    const file = await readAttachment((await params).attachmentId, access.user.id);
    if (!file) return Response.json({ error: "That file no longer exists." }, { status: 404 });
    if (!file.content)
      return Response.json({ error: "This file was too large to be kept: only its name was stored." }, { status: 410 });
    const inline = new URL(request.url).searchParams.get("inline") === "1";
    return new Response(new Uint8Array(file.content), { headers: downloadHeaders(file, { inline }) });
  } catch (error) {
    return errorResponse(error, "attachment download", await getUiLocale());
  }
}

/** Takes an upload out of the composer before the reply is sent. */
export async function DELETE(_request: Request, { params }: Context) {
  const access = await requireRoutePermission("inbox.work");
  if ("response" in access) return access.response;
  try {
    await removeReplyUpload((await params).attachmentId, access.user.id);
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error, "attachment removal", await getUiLocale());
  }
}
