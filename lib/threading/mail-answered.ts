import "server-only";
import type { DbClient } from "@/lib/db";
import { oneOf } from "@/lib/db/json-sets";
import { Prisma } from "@/lib/generated/prisma/client";

/** The mail a new message of a conversation answers: what its threading headers and "Re:" subject continue. */
export type MailAnswered = { emailMessageId: string; references: string | null; subject: string | null };

/**
 * Per conversation, the mail a new message answers: the customer's last mail. With
 * `orOurOwn` (a person's reply), when the customer never emailed in it, our own last mail, so
 * the reply continues the thread the customer already has. One statement for many conversations.
 */
export async function mailsAnswered(
  conversationIds: readonly string[],
  tx: DbClient,
  options: { orOurOwn?: boolean } = {},
): Promise<Map<string, MailAnswered>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<({ conversationId: string } & MailAnswered)[]>`
    SELECT DISTINCT ON ("conversationId") "conversationId", "emailMessageId", "references", subject FROM "Message"
     WHERE "conversationId" IN ${oneOf(conversationIds)} AND channel = 'email' AND "emailMessageId" IS NOT NULL
       ${options.orOurOwn ? Prisma.empty : Prisma.sql`AND direction = 'inbound'`}
     ORDER BY "conversationId", (direction = 'inbound') DESC, "createdAt" DESC`;
  return new Map(rows.map(({ conversationId, ...mail }) => [conversationId, mail]));
}
