import { AppError } from "@/lib/errors";

/**
 * Reads a request body up to a size, refusing with 413 before reading more: a declared
 * Content-Length over the cap is refused at once, and a body streamed without one stops being
 * read as soon as it passes the cap.
 */
export async function readBody(request: Request, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new AppError("payload_too_large", `The body is larger than ${describeBytes(maxBytes)}.`);
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** The body as UTF-8 text, capped as readBody. */
export async function readTextBody(request: Request, maxBytes: number): Promise<string> {
  return (await readBody(request, maxBytes)).toString("utf8");
}

function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}
