import "server-only";
import type { Channel } from "@/lib/channels/channels";
import type { DbClient } from "@/lib/db";
import { rowsOf } from "@/lib/db/json-sets";

/**
 * When each customer last wrote to us on a channel, in any of their conversations, by the key
 * given; a customer who never wrote there has no entry. Meta's reply window counts from it.
 */
export async function lastCustomerMessagesOn(
  subjects: { key: string; customerId: string; channel: Channel }[],
  tx: DbClient,
): Promise<Map<string, Date>> {
  if (subjects.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ key: string; last: Date | null }[]>`
    SELECT s.key, (SELECT max(m."createdAt") FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
                    WHERE c."customerId" = s.customer_id AND m.direction = 'inbound' AND m.channel::text = s.channel) AS last
      FROM ${rowsOf(
        subjects.map((s) => ({ key: s.key, customer_id: s.customerId, channel: s.channel })),
        "s(key text, customer_id text, channel text)",
      )}`;
  return new Map(rows.flatMap((row) => (row.last ? [[row.key, row.last] as const] : [])));
}
