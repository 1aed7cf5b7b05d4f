import { requireRoutePermission } from "@/lib/auth/route-access";
import { getUiLocale } from "@/lib/auth/viewer-locale";
import { MAX_EMAIL_ATTACHMENT_BYTES } from "@/lib/attachments/attachment-rules";
import { storeReplyUpload } from "@/lib/attachments/reply-uploads";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/json-response";

export const dynamic = "force-dynamic";

// Room for the multipart envelope around the largest file a reply may carry.
const MAX_REQUEST_BYTES = MAX_EMAIL_ATTACHMENT_BYTES + 64 * 1024;

/** One file attached in the composer (multipart field "file"); sent with the reply that names its id. */
export async function POST(request: Request) {
  const access = await requireRoutePermission("inbox.work");
  if ("response" in access) return access.response;
  const locale = await getUiLocale();
  try {
    if (Number(request.headers.get("content-length") ?? 0) > MAX_REQUEST_BYTES)
      throw AppError.because("bad_request", "attachmentTooLarge", {
        filename: "",
        maxMb: MAX_EMAIL_ATTACHMENT_BYTES / 1024 / 1024,
      });
    const form = await request.formData().catch(() => null);
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
