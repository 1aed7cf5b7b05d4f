import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { findWebhookEndpoint } from "@/lib/connections/webhook-endpoints";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { describeFailure, PROCESSING_FAILURES, STALE_REPLAY_MINUTES } from "@/lib/webhooks/webhook-outcomes";
import { logError } from "@/lib/log";

export type ReplayResult = { outcome: "applied" | "duplicate" | "ignored" } | { outcome: "failed"; error: string };

/**
 * Applies again a delivery that failed while being applied, from its stored body (it was
 * authenticated when it arrived). Claimed first, so two admins clicking at once run it once; the
 * once-only rules of the endpoint still hold (a delivery a provider's retry has since applied
 * changes nothing). A replay that fails may be tried again. Audited either way.
 */
export async function replayWebhookFailure(
  failureId: string,
  actorUserId: string,
  now = new Date(),
): Promise<ReplayResult> {
  const staleBefore = new Date(now.getTime() - STALE_REPLAY_MINUTES * 60_000);
  const [claimed] = await db.$queryRaw<
    { endpoint: string; topic: string; receivedAt: Date; payload: string; headers: Record<string, string> | null }[]
  >`
    UPDATE "WebhookFailure" SET "replayedAt" = ${now.toISOString().slice(0, -1)}::timestamp, "replayedById" = ${actorUserId}, "replayOutcome" = NULL, "replayError" = NULL
    WHERE "id" = ${failureId} AND "payload" IS NOT NULL AND "reason" IN (${Prisma.join([...PROCESSING_FAILURES])})
      AND ("replayedAt" IS NULL OR "replayOutcome" = 'failed' OR ("replayOutcome" IS NULL AND "replayedAt" < ${staleBefore.toISOString().slice(0, -1)}::timestamp))
    RETURNING "endpoint", "topic", "receivedAt", "payload", "headers"`;
  if (!claimed) throw await whyNotReplayable(failureId);

  const endpoint = findWebhookEndpoint(claimed.endpoint);
  const audit = (data: Prisma.InputJsonValue) =>
    recordAudit({ actorUserId, action: "webhook.replayed", entityType: "webhook_delivery", entityId: failureId, data });
  const described = { endpoint: claimed.endpoint, topic: claimed.topic, receivedAt: claimed.receivedAt.toISOString() };
  let result: ReplayResult;
  try {
    if (!endpoint) throw new AppError("not_found", `No endpoint "${claimed.endpoint}" in this version of the app.`);
    const url = new URL(env().APP_URL);
    const { outcome } = await endpoint.apply({
      body: Buffer.from(claimed.payload, "utf8"),
      headers: new Headers(claimed.headers ?? {}),
      url,
    });
    result = { outcome };
  } catch (error) {
    result = { outcome: "failed", error: describeFailure(error) };
  }
  // What happened is recorded even if recording it fails once (the claim then goes stale and the
  // replay may run again: its once-only rules make that harmless).
  try {
    await db.webhookFailure.update({
      where: { id: failureId },
      // Applied (or found applied): the body has served its purpose and holds customer data.
      data:
        result.outcome === "failed"
          ? { replayOutcome: "failed", replayError: result.error }
          : { replayOutcome: result.outcome, payload: null, headers: Prisma.DbNull },
    });
  } catch (error) {
    logError("webhook replay", `outcome of ${failureId} not recorded`, error);
  }
  await audit({ ...described, ...result });
  return result;
}

async function whyNotReplayable(failureId: string): Promise<AppError> {
  const failure = await db.webhookFailure.findUnique({
    where: { id: failureId },
    select: { reason: true, replayedAt: true, replayOutcome: true, payload: false },
  });
  if (!failure) return AppError.because("not_found", "webhookFailureNotFound");
  if (!(PROCESSING_FAILURES as readonly string[]).includes(failure.reason))
    return AppError.because("conflict", "webhookRefusedNotReplayable");
  if (failure.replayedAt)
    return AppError.because("conflict", failure.replayOutcome ? "webhookAlreadyReplayed" : "webhookReplayRunning");
  return AppError.because("conflict", "webhookPayloadExpired");
}
