import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { mergeConversations } from "@/lib/inbox/merge-conversations";

export const linkIdentitySchema = z.object({
  /** The Messenger or Instagram person (ChannelIdentity). */
  identityId: z.string().min(1),
  /** The customer we already know them as. */
  customerId: z.string().min(1),
  /** The conversation the agent links from: it joins the customer's latest one. */
  conversationId: z.string().min(1),
});

/**
 * An agent says who a Messenger or Instagram person is: the identity moves to that customer, and
 * so do the conversations of the customer record made for it (which is then removed), so that
 * the person's messages, email and SMS read as one thread. The conversation linked from joins the
 * customer's latest one (a merge: it redirects). Never done by name on its own: a person decides.
 * Returns the conversation to show now.
 */
export async function linkChannelIdentity(
  input: z.infer<typeof linkIdentitySchema>,
  actorUserId: string,
  now = new Date(),
): Promise<{ conversationId: string }> {
  const joinInto = await db.$transaction(async (tx) => {
    const [identity] = await tx.$queryRaw<{ id: string; customerId: string; channel: string }[]>`
      SELECT id, "customerId", channel::text FROM "ChannelIdentity" WHERE id = ${input.identityId} FOR UPDATE`;
    if (!identity) throw AppError.because("not_found", "identityGone");
    if (identity.customerId === input.customerId) throw AppError.because("bad_request", "identityAlreadyLinked");
    // Both records locked, in one order: a message arriving for either waits (ingest: FOR SHARE).
    await tx.$queryRaw`SELECT id FROM "Customer" WHERE id IN (${identity.customerId}, ${input.customerId}) ORDER BY id FOR UPDATE`;
    const target = await tx.customer.findUnique({ where: { id: input.customerId }, select: { erasedAt: true } });
    if (!target || target.erasedAt) throw AppError.because("not_found", "customerGone");
    const source = await tx.customer.findUniqueOrThrow({
      where: { id: identity.customerId },
      select: {
        email: true,
        phone: true,
        _count: {
          select: {
            orders: true,
            channelIdentities: true,
            phoneNumbers: true,
            consentEvents: true,
            scheduledMessages: true,
            privacyRequests: true,
          },
        },
      },
    });
    await tx.channelIdentity.update({
      where: { id: identity.id },
      data: { customerId: input.customerId, linkedAt: now, linkedById: actorUserId },
    });
    // A record that only stood for this person (no address, number, order or other identity):
    // its conversations move and it goes. A known customer keeps theirs; only new messages move.
    const standsForIdentityOnly =
      !source.email &&
      !source.phone &&
      source._count.orders === 0 &&
      source._count.phoneNumbers === 0 &&
      source._count.consentEvents === 0 &&
      source._count.scheduledMessages === 0 &&
      source._count.privacyRequests === 0 &&
      source._count.channelIdentities === 1;
    if (standsForIdentityOnly) {
      await tx.conversation.updateMany({
        where: { customerId: identity.customerId },
        data: { customerId: input.customerId },
      });
      // A review link sent in a reply there keeps counting its clicks for the customer.
      await tx.trackedLink.updateMany({
        where: { customerId: identity.customerId },
        data: { customerId: input.customerId },
      });
      await tx.customer.delete({ where: { id: identity.customerId } });
    }
    await recordAudit(
      {
        actorUserId,
        action: "channel_identity.linked",
        entityType: "customer",
        entityId: input.customerId,
        data: { identityId: identity.id, channel: identity.channel, fromCustomerId: identity.customerId },
      },
      tx,
    );
    const conversation = await tx.conversation.findUnique({
      where: { id: input.conversationId },
      select: { customerId: true, mergedIntoId: true },
    });
    if (!standsForIdentityOnly || conversation?.customerId !== input.customerId || conversation.mergedIntoId)
      return null;
    const latest = await tx.conversation.findFirst({
      where: { customerId: input.customerId, id: { not: input.conversationId }, mergedIntoId: null },
      orderBy: { lastMessageAt: "desc" },
      select: { id: true },
    });
    return latest?.id ?? null;
  });
  if (!joinInto) return { conversationId: input.conversationId };
  await mergeConversations({ sourceId: input.conversationId, targetId: joinInto }, actorUserId, now);
  return { conversationId: joinInto };
}
