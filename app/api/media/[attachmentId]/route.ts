import { downloadHeaders } from "@/lib/attachments/attachment-rules";
import { readMediaForProvider } from "@/lib/attachments/reply-uploads";
import { errorResponse } from "@/lib/http/json-response";

export const dynamic = "force-dynamic";

/** An MMS picture, fetched by Twilio without a session: only with the signature the reply was sent with. */
export async function GET(request: Request, { params }: { params: Promise<{ attachmentId: string }> }) {
  try {
    const signature = new URL(request.url).searchParams.get("signature") ?? "";
    const file = await readMediaForProvider((await params).attachmentId, signature);
    if (!file) return Response.json({ error: "No such media." }, { status: 404 });
    return new Response(new Uint8Array(file.content!), { headers: downloadHeaders(file, { inline: true }) });
  } catch (error) {
    return errorResponse(error, "mms media");
  }
}
