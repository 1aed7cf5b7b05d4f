import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** Meta's files are kept by URL and read when someone opens them; a bigger one is not Meta's. */
export const MAX_REMOTE_FILE_BYTES = 25 * 1024 * 1024;
const TIMEOUT_MS = 15_000;

/**
 * Reads a file a provider gave by URL (Messenger and Instagram attachments). Only https, or the
 * configured Graph API's own origin (a local fake in tests): the URL came in a signed webhook,
 * and this keeps it from reaching anything else on the server's network.
 */
export async function fetchRemoteFile(sourceUrl: string): Promise<{ content: Buffer; contentType: string | null }> {
  const url = new URL(sourceUrl);
  if (url.protocol !== "https:" && url.origin !== new URL(env().META_GRAPH_API_URL).origin)
    throw new AppError("bad_request", "This file's address is not one we read from.");
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "follow" });
  } catch {
    throw new AppError("provider_unavailable", "The file could not be fetched from Meta; try again later.");
  }
  if (!response.ok)
    throw new AppError(
      "provider_unavailable",
      `Meta answered ${response.status} for this file: its address may have expired.`,
    );
  const declared = Number(response.headers.get("content-length") ?? 0);
  if (declared > MAX_REMOTE_FILE_BYTES) throw new AppError("payload_too_large", "This file is too large to open here.");
  const content = Buffer.from(await response.arrayBuffer());
  if (content.length > MAX_REMOTE_FILE_BYTES)
    throw new AppError("payload_too_large", "This file is too large to open here.");
  return { content, contentType: response.headers.get("content-type") };
}
