import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** Meta's files are kept by URL and read when someone opens them; a bigger one is not Meta's. */
export const MAX_REMOTE_FILE_BYTES = 25 * 1024 * 1024;
const TIMEOUT_MS = 15_000;
const MAX_REDIRECTS = 3;
/** Where Meta serves the files of Messenger and Instagram messages. */
const META_FILE_HOSTS = [".fbcdn.net", ".fbsbx.com", ".cdninstagram.com"];

/**
 * Only Meta's file servers over https, or the configured Graph API's own origin (a local fake in
 * tests): the URL came in a webhook, and nothing else on the server's network may be reached
 * through it, redirects included.
 */
function isMetaFileUrl(url: URL): boolean {
  if (url.origin === new URL(env().META_GRAPH_API_URL).origin) return true;
  return url.protocol === "https:" && META_FILE_HOSTS.some((suffix) => url.hostname.endsWith(suffix));
}

const notMetas = () => new AppError("bad_request", "This file's address is not one of Meta's: it is not read.");
const tooLarge = () => new AppError("payload_too_large", "This file is too large to open here.");

/** Reads a file Meta gave by URL (Messenger and Instagram attachments), within the size cap. */
export async function fetchRemoteFile(sourceUrl: string): Promise<{ content: Buffer; contentType: string | null }> {
  let url = new URL(sourceUrl);
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  for (let hop = 0; ; hop++) {
    if (!isMetaFileUrl(url)) throw notMetas();
    let response: Response;
    try {
      response = await fetch(url, { signal, redirect: "manual" });
    } catch {
      throw new AppError("provider_unavailable", "The file could not be fetched from Meta; try again later.");
    }
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      if (hop >= MAX_REDIRECTS) throw notMetas();
      url = new URL(location, url);
      continue;
    }
    if (!response.ok)
      throw new AppError(
        "provider_unavailable",
        `Meta answered ${response.status} for this file: its address may have expired.`,
      );
    if (Number(response.headers.get("content-length") ?? 0) > MAX_REMOTE_FILE_BYTES) throw tooLarge();
    return { content: await readCapped(response), contentType: response.headers.get("content-type") };
  }
}

/** The body, stopping as soon as it passes the cap (a body without Content-Length included). */
async function readCapped(response: Response): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.length;
    if (size > MAX_REMOTE_FILE_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
}
