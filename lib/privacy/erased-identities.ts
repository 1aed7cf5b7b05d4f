import "server-only";
import { createHash } from "node:crypto";
import type { DbClient } from "@/lib/db";

export type Identifiers = { email?: string | null; phone?: string | null; externalId?: string | null };

/** One-way fingerprints of a person's identifiers: enough to recognise them, nothing to read back. */
export function identityHashes({ email, phone, externalId }: Identifiers): string[] {
  const keys = [email && `email:${email.trim().toLowerCase()}`, phone && `phone:${phone.trim()}`, externalId && `shopify:${externalId.trim()}`].filter(Boolean) as string[];
  return keys.map((key) => createHash("sha256").update(key).digest("hex"));
}

export async function rememberErasedIdentities(identifiers: Identifiers, tx: DbClient, now: Date): Promise<void> {
  const hashes = identityHashes(identifiers);
  if (hashes.length) await tx.erasedIdentity.createMany({ data: hashes.map((hash) => ({ hash, erasedAt: now })), skipDuplicates: true });
}

/**
 * The identifiers of incoming shop data with the erased ones taken out, and whether any was: a
 * webhook about an erased person (an old order redelivered) must not bring their data back.
 */
export async function withoutErasedIdentities<T extends Identifiers>(details: T, tx: DbClient): Promise<{ details: T; erased: boolean }> {
  const fields = (["email", "phone", "externalId"] as const).filter((field) => details[field]);
  if (fields.length === 0) return { details, erased: false };
  const hashes = fields.map((field) => identityHashes({ [field]: details[field] })[0]!);
  const erased = new Set((await tx.erasedIdentity.findMany({ where: { hash: { in: hashes } }, select: { hash: true } })).map((row) => row.hash));
  if (erased.size === 0) return { details, erased: false };
  const kept = { ...details };
  fields.forEach((field, index) => {
    if (erased.has(hashes[index]!)) kept[field] = null as T[typeof field];
  });
  return { details: kept, erased: true };
}
