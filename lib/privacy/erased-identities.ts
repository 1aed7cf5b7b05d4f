import "server-only";
import { createHmac } from "node:crypto";
import type { DbClient } from "@/lib/db";
import { env } from "@/lib/env";

export type Identifiers = { email?: string | null; phone?: string | null; externalId?: string | null };

/**
 * Keyed one-way fingerprints of a person's identifiers (HMAC-SHA-256 with the server's
 * LINK_SECRET): enough to recognise them, nothing to read back, and not guessable from a list of
 * numbers without the key.
 */
export function identityHashes({ email, phone, externalId }: Identifiers, secret = env().LINK_SECRET): string[] {
  const keys = [
    email && `email:${email.trim().toLowerCase()}`,
    phone && `phone:${phone.trim()}`,
    externalId && `shopify:${externalId.trim()}`,
  ].filter(Boolean) as string[];
  return keys.map((key) => createHmac("sha256", secret).update(key).digest("hex"));
}

export async function rememberErasedIdentities(identifiers: Identifiers, tx: DbClient, now: Date): Promise<void> {
  const hashes = identityHashes(identifiers);
  if (hashes.length)
    await tx.erasedIdentity.createMany({ data: hashes.map((hash) => ({ hash, erasedAt: now })), skipDuplicates: true });
}

/**
 * The identifiers of incoming shop data with the erased ones taken out, and whether any was: a
 * webhook about an erased person from before the erasure (an old order redelivered) must not
 * bring their data back. Something that happened after it (the person ordering again) is theirs
 * to give.
 */
export async function withoutErasedIdentities<T extends Identifiers>(
  details: T,
  occurredAt: Date,
  tx: DbClient,
): Promise<{ details: T; erased: boolean }> {
  const fields = (["email", "phone", "externalId"] as const).filter((field) => details[field]);
  if (fields.length === 0) return { details, erased: false };
  // Fingerprints taken before a rotation of LINK_SECRET still count.
  const secrets = [env().LINK_SECRET, ...env().LINK_SECRETS_PREVIOUS];
  const hashesOf = fields.map((field) =>
    secrets.map((secret) => identityHashes({ [field]: details[field] }, secret)[0]!),
  );
  const rows = await tx.erasedIdentity.findMany({
    where: { hash: { in: hashesOf.flat() }, erasedAt: { gte: occurredAt } },
    select: { hash: true },
  });
  const erased = new Set(rows.map((row) => row.hash));
  if (erased.size === 0) return { details, erased: false };
  const kept = { ...details };
  fields.forEach((field, index) => {
    if (hashesOf[index]!.some((hash) => erased.has(hash))) kept[field] = null as T[typeof field];
  });
  return { details: kept, erased: true };
}
