import { requireRoutePermission } from "@/lib/auth/route-access";
import { getUiLocale } from "@/lib/auth/viewer-locale";
import { MAX_EMAIL_ATTACHMENT_BYTES } from "@/lib/attachments/attachment-rules";
import { storeReplyUpload } from "@/lib/attachments/reply-uploads";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/json-response";

export const dynamic = "force-dynamic";

// Room for the multipart envelope around the largest file a reply may carry.
const MAX_REQUEST_BYTES = MAX_EMAIL_ATTACHMENT_BYTES + 64 * 1024;

/** The body, read no further than `max` bytes (a chunked request says no length up front); null when longer. */
async function readAtMost(request: Request, max: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > max) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** One file attached in the composer (multipart field "file"); sent with the reply that names its id. */
export async function POST(request: Request) {
  const access = await requireRoutePermission("inbox.work");
  if ("response" in access) return access.response;
  const locale = await getUiLocale();
  try {
    const tooLarge = AppError.because("bad_request", "attachmentTooLarge", {
      filename: "",
      maxMb: MAX_EMAIL_ATTACHMENT_BYTES / 1024 / 1024,
    });
    if (Number(request.headers.get("content-length") ?? 0) > MAX_REQUEST_BYTES) throw tooLarge;
    const body = await readAtMost(request, MAX_REQUEST_BYTES);
    if (!body) throw tooLarge;
    const form = await new Response(new Uint8Array(body), {
      headers: { "content-type": request.headers.get("content-type") ?? "" },
    })
      .formData()
      .catch(() => null);
    const file = form?.get("file");
    if (!(file instanceof File)) throw AppError.because("bad_request", "noFileUploaded");
    const stored = await storeReplyUpload(
      { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) },
      access.user.id,
    );
    return Response.json(stored, { status: 201 });
  } catch (error) {
    return errorResponse(error, "attachment upload", locale);
  }
}
