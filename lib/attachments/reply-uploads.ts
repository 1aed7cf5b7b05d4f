import "server-only";
import { fetchRemoteFile } from "@/lib/attachments/remote-file";
import type { Channel } from "@/lib/channels/channels";
import { createHmac, timingSafeEqual } from "node:crypto";
import { db, type DbClient } from "@/lib/db";
import { env, linkSecrets } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { cleanContentType, cleanFilename, replyFilesProblem, uploadProblem } from "@/lib/attachments/attachment-rules";

// A reply's files are uploaded while the agent writes (each shows its own error at once), then
// joined to the message when it is sent. Unsent uploads are removed after a day.

const UNSENT_UPLOAD_TTL_MS = 24 * 60 * 60_000;

export type UploadedFile = { id: string; filename: string; contentType: string; size: number };

/** Stores one file an agent attached in the composer; refuses what no reply could carry. */
export async function storeReplyUpload(
  file: { name: string; type: string; bytes: Uint8Array },
  uploaderId: string,
): Promise<UploadedFile> {
  const filename = cleanFilename(file.name);
  const problem = uploadProblem({ filename, size: file.bytes.byteLength });
  if (problem) {
    const { reason, ...params } = problem;
    throw AppError.because("bad_request", reason, { ...params, filename });
  }
  return db.attachment.create({
    data: {
      filename,
      contentType: cleanContentType(file.type),
      size: file.bytes.byteLength,
      content: Buffer.from(file.bytes),
      uploadedById: uploaderId,
    },
    select: { id: true, filename: true, contentType: true, size: true },
  });
}

/** Removes an upload its agent took out of the composer before sending. */
export async function removeReplyUpload(id: string, uploaderId: string): Promise<void> {
  await db.attachment.deleteMany({ where: { id, uploadedById: uploaderId, messageId: null } });
}

/**
 * Checks that these uploads are the agent's own, unsent, and fit the channel; the caller joins
 * them to the message in the same transaction (joinUploads).
 */
export async function checkReplyUploads(
  ids: readonly string[],
  uploaderId: string,
  channel: Channel,
  numbers: { customer: string | null; shop: string | null },
  tx: DbClient = db,
): Promise<UploadedFile[]> {
  if (ids.length === 0) return [];
  const files = await tx.attachment.findMany({
    where: { id: { in: [...ids] }, uploadedById: uploaderId, messageId: null },
    select: { id: true, filename: true, contentType: true, size: true },
  });
  if (files.length !== new Set(ids).size) throw AppError.because("bad_request", "attachmentGone");
  const problem = replyFilesProblem(channel, files, numbers);
  if (problem) {
    const { reason, ...params } = problem;
    throw AppError.because("bad_request", reason, params);
  }
  return files;
}

/**
 * Joins the checked uploads to the message, in its transaction: an upload another send took
 * meanwhile, or the cleanup removed, fails the whole send (attachmentGone) rather than letting
 * the reply go without it.
 */
export async function joinUploads(
  ids: readonly string[],
  messageId: string,
  uploaderId: string,
  tx: DbClient,
): Promise<void> {
  const wanted = new Set(ids);
  if (wanted.size === 0) return;
  const { count } = await tx.attachment.updateMany({
    where: { id: { in: [...wanted] }, messageId: null, uploadedById: uploaderId },
    data: { messageId },
  });
  if (count !== wanted.size) throw AppError.because("bad_request", "attachmentGone");
}

/** Undo: the files of a reply taken back go back to the composer with its text. */
export async function detachUploads(messageId: string, tx: DbClient): Promise<UploadedFile[]> {
  const files = await tx.attachment.findMany({
    where: { messageId, uploadedById: { not: null } },
    select: { id: true, filename: true, contentType: true, size: true },
  });
  // A fresh day before the cleanup: the agent may send them again.
  await tx.attachment.updateMany({ where: { messageId }, data: { messageId: null, createdAt: new Date() } });
  return files;
}

/** The files of a message with their content, as the delivery engine sends them. */
export async function messageFiles(messageId: string, tx: DbClient = db) {
  const rows = await tx.attachment.findMany({
    where: { messageId, content: { not: null } },
    select: { id: true, filename: true, contentType: true, content: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => ({ ...row, content: Buffer.from(row.content!) }));
}

/** Uploads nobody sent within a day. */
export async function removeUnsentUploads(now: Date): Promise<number> {
  const { count } = await db.attachment.deleteMany({
    where: { messageId: null, createdAt: { lt: new Date(now.getTime() - UNSENT_UPLOAD_TTL_MS) } },
  });
  return count;
}

/** The file for a signed-in teammate (inbound mail or a reply); null when it does not exist. */
export async function readAttachment(id: string, viewerId: string) {
  const file = await db.attachment.findUnique({
    where: { id },
    select: {
      filename: true,
      contentType: true,
      content: true,
      messageId: true,
      uploadedById: true,
      sourceUrl: true,
      droppedReason: true,
    },
  });
  // An upload not sent yet is its uploader's alone.
  if (!file || (!file.messageId && file.uploadedById !== viewerId)) return null;
  if (file.content || !file.sourceUrl || file.droppedReason) return file;
  // Kept by URL (Messenger, Instagram): read now, and kept, since Meta's addresses expire.
  const fetched = await fetchRemoteFile(file.sourceUrl);
  const contentType = fetched.contentType?.split(";")[0]?.trim() || file.contentType;
  await db.attachment.update({
    where: { id },
    data: { content: new Uint8Array(fetched.content), size: fetched.content.length, contentType },
  });
  return { ...file, content: fetched.content, contentType };
}

// MMS: Twilio fetches the picture from us. The address is signed so only a message's own media
// can be fetched without a session, and it names nothing guessable.
function mediaSignature(id: string, secret: string): string {
  return createHmac("sha256", secret).update(`media:${id}`).digest("base64url").slice(0, 32);
}

export function mediaUrl(id: string): string {
  return `${env().APP_URL.replace(/\/$/, "")}/api/media/${id}?signature=${mediaSignature(id, env().LINK_SECRET)}`;
}

/** A sent message's picture for Twilio, when the signature is right; null otherwise. */
export async function readMediaForProvider(id: string, signature: string) {
  const received = Buffer.from(signature);
  const valid = linkSecrets().some((secret) => {
    const expected = Buffer.from(mediaSignature(id, secret));
    return expected.length === received.length && timingSafeEqual(expected, received);
  });
  if (!valid) return null;
  return db.attachment.findFirst({
    where: { id, messageId: { not: null }, content: { not: null } },
    select: { filename: true, contentType: true, content: true },
  });
}
