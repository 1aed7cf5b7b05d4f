import "server-only";
import { db, type DbClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { WebhookProvider } from "@/lib/generated/prisma/enums";

export type WebhookKey = { provider: WebhookProvider; externalId: string; topic: string };

export type WebhookOutcome<T> = { duplicate: true } | { duplicate: false; result: T };

const ATTEMPTS = 3;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Records the delivery and applies it in one transaction. A redelivery (same provider id) finds
 * the record and changes nothing; a concurrent one waits on the unique key, then does the same.
 * If applying fails, nothing is recorded, so the provider's retry gets a second chance.
 * Two different events racing to create the same row (a checkout created by both its
 * create and update webhooks) collide on a unique key: the loser runs again and sees the row.
 */
export async function processWebhookOnce<T>(key: WebhookKey, apply: (tx: DbClient) => Promise<T>): Promise<WebhookOutcome<T>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const { count } = await tx.webhookEvent.createMany({ data: [key], skipDuplicates: true });
        if (count === 0) return { duplicate: true } as const;
        const result = await apply(tx);
        await tx.webhookEvent.update({ where: { provider_externalId: { provider: key.provider, externalId: key.externalId } }, data: { processedAt: new Date() } });
        return { duplicate: false, result } as const;
      });
    } catch (error) {
      if (attempt >= ATTEMPTS || !isUniqueViolation(error)) throw error;
    }
  }
}
