import "server-only";
import { db, type DbClient } from "@/lib/db";
import { isRetryableTransactionError, isUniqueViolation } from "@/lib/db/database-errors";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { WebhookProvider } from "@/lib/generated/prisma/enums";

export type WebhookKey = { provider: WebhookProvider; externalId: string; topic: string };

export type WebhookOutcome<T> = { duplicate: true } | { duplicate: false; result: T };

const ATTEMPTS = 3;

function uniqueTarget(error: unknown): string {
  const target = error instanceof Prisma.PrismaClientKnownRequestError ? error.meta?.target : undefined;
  return Array.isArray(target) ? target.join(", ") : typeof target === "string" ? target : "a unique field";
}

/**
 * Records the delivery and applies it in one transaction. A redelivery (same provider id) finds
 * the record and changes nothing; a concurrent one waits on the unique key, then does the same.
 * If applying fails, nothing is recorded, so the provider's retry gets a second chance.
 * A delivery whose content is already stored under another id collides on that content's unique
 * key (a Message-ID); its retry asks options.alreadyStored, and a yes records it with the outcome
 * "duplicate" and changes nothing else. Asked only after a collision: the usual path pays nothing.
 * Two different events racing to create the same row (a checkout created by both its
 * create and update webhooks) collide on a unique key: the loser runs again and sees the row.
 * Two racing on the same rows in another order deadlock: PostgreSQL cancels one, which runs again.
 */
export async function processWebhookOnce<T>(
  key: WebhookKey,
  apply: (tx: DbClient) => Promise<T>,
  options: { alreadyStored?: (tx: DbClient) => Promise<boolean> } = {},
): Promise<WebhookOutcome<T>> {
  let collided = false;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        // Recorded as processed up front: the transaction commits it only if applying succeeds.
        const { count } = await tx.webhookEvent.createMany({
          data: [{ ...key, processedAt: new Date(), outcome: "processed" }],
          skipDuplicates: true,
        });
        if (count === 0) return { duplicate: true } as const;
        // The same content under a new delivery id (a mail sent to two of the shop's addresses).
        if (collided && options.alreadyStored && (await options.alreadyStored(tx))) {
          await tx.webhookEvent.update({
            where: { provider_externalId: { provider: key.provider, externalId: key.externalId } },
            data: { outcome: "duplicate" },
          });
          return { duplicate: true } as const;
        }
        return { duplicate: false, result: await apply(tx) } as const;
      });
    } catch (error) {
      if (isRetryableTransactionError(error) && attempt < ATTEMPTS) continue;
      if (!isUniqueViolation(error)) throw error;
      collided = true;
      // Still colliding after the retries: this delivery names something another record owns
      // (an id reused or mangled). A 4xx with the reason; a 500 would be retried for hours.
      if (attempt >= ATTEMPTS)
        throw new AppError(
          "conflict",
          `This delivery conflicts with stored data on ${uniqueTarget(error)}; nothing was changed.`,
        );
    }
  }
}
