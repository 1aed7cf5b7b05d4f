import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { generateApiToken, hashApiToken, tokenPrefix } from "@/lib/api-tokens/api-token";

/** Creates a token for POST /api/events. The plain token is returned once and never stored. */
export async function createApiToken(name: string, actorUserId: string): Promise<{ id: string; token: string }> {
  const token = generateApiToken();
  const row = await db.apiToken.create({
    data: { name, tokenHash: hashApiToken(token), prefix: tokenPrefix(token), createdById: actorUserId },
  });
  await recordAudit({
    actorUserId,
    action: "api_token.created",
    entityType: "api_token",
    entityId: row.id,
    data: { name },
  });
  return { id: row.id, token };
}

export async function revokeApiToken(id: string, actorUserId: string): Promise<void> {
  const { count } = await db.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw AppError.because("not_found", "tokenGone");
  await recordAudit({ actorUserId, action: "api_token.revoked", entityType: "api_token", entityId: id });
}

export async function listApiTokens() {
  return db.apiToken.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

/** The token's id when the bearer token is valid and not revoked; records its use. */
export async function authenticateApiToken(authorization: string | null): Promise<string | null> {
  const token = authorization?.startsWith("Bearer ") ? authorization.slice("Bearer ".length).trim() : null;
  if (!token) return null;
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashApiToken(token) } });
  if (!row || row.revokedAt) return null;
  await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return row.id;
}
