import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db, type DbClient } from "@/lib/db";
import { cancelPendingMessages } from "@/lib/delivery/cancel-pending-messages";
import type { ConsentSource } from "@/lib/consent/consent-source";
import { AppError } from "@/lib/errors";

// The one owner of "stop emailing this customer" and of lifting it again. Email state lives on the
// customer (their address); ConsentEvent keeps the history with the address and the source.

/** Sources of an unsubscribe or suppression that Postmark itself set, and so may lift again. */
const POSTMARK_SOURCES: ConsentSource[] = ["postmark_bounce", "postmark_subscription_change"];
const SPAM_COMPLAINT: ConsentSource = "postmark_spam_complaint";

/**
 * The customer asked to receive no more email (link, reply, an agent, Postmark's own link):
 * recorded once, and every email still waiting to go out is cancelled. Returns false for an
 * unknown customer.
 */
export async function unsubscribeEmail(
  customerId: string,
  source: ConsentSource,
  wording: string | null,
  at: Date,
  tx: DbClient,
): Promise<boolean> {
  const customer = await tx.customer.findUnique({ where: { id: customerId } });
  if (!customer) return false;
  if (!customer.emailUnsubscribedAt)
    await tx.customer.update({ where: { id: customerId }, data: { emailUnsubscribedAt: at } });
  // Every request is on record, even a second one: who asked decides who may lift it later.
  const repeated = await tx.consentEvent.count({ where: { customerId, channel: "email", change: "revoked", source } });
  if (!customer.emailUnsubscribedAt || repeated === 0)
    await tx.consentEvent.create({
      data: {
        customerId,
        channel: "email",
        change: "revoked",
        address: customer.email,
        source,
        wording,
        occurredAt: at,
      },
    });
  await cancelPendingMessages({ customerId, channel: "email" }, { kind: "email_unsubscribed" }, tx);
  return true;
}

/** A hard bounce or a spam complaint: never email this address again. */
export async function suppressEmail(
  customerId: string,
  reason: string,
  source: ConsentSource,
  at: Date,
  tx: DbClient,
): Promise<void> {
  const customer = await tx.customer.findUniqueOrThrow({ where: { id: customerId } });
  await tx.customer.update({
    where: { id: customerId },
    data: { emailSuppressedAt: at, emailSuppressedReason: reason },
  });
  await tx.consentEvent.create({
    data: {
      customerId,
      channel: "email",
      change: "revoked",
      address: customer.email,
      source,
      wording: null,
      occurredAt: at,
    },
  });
  await cancelPendingMessages({ customerId, channel: "email" }, { kind: "email_suppressed", source }, tx);
}

/**
 * Postmark reactivated the address: lifts only what Postmark set (a bounce suppression, an
 * unsubscribe through Postmark's own link), never a spam complaint nor an unsubscribe the customer
 * made through us. Returns whether the customer may be emailed again.
 */
export async function liftPostmarkSuppression(customerId: string, at: Date, tx: DbClient): Promise<boolean> {
  const customer = await tx.customer.findUniqueOrThrow({ where: { id: customerId } });
  const revoked = { customerId, channel: "email" as const, change: "revoked" as const };
  const complained = await tx.consentEvent.count({ where: { ...revoked, source: SPAM_COMPLAINT } });
  const unsubscribedThroughUs = await tx.consentEvent.count({
    where: { ...revoked, source: { notIn: [...POSTMARK_SOURCES, SPAM_COMPLAINT] } },
  });
  const liftSuppression = Boolean(customer.emailSuppressedAt) && complained === 0;
  const liftUnsubscribe = Boolean(customer.emailUnsubscribedAt) && unsubscribedThroughUs === 0;
  if (!liftSuppression && !liftUnsubscribe) return false;
  const after = await tx.customer.update({
    where: { id: customerId },
    data: {
      ...(liftSuppression ? { emailSuppressedAt: null, emailSuppressedReason: null } : {}),
      ...(liftUnsubscribe ? { emailUnsubscribedAt: null } : {}),
    },
  });
  const reachable = !after.emailSuppressedAt && !after.emailUnsubscribedAt;
  if (reachable)
    await tx.consentEvent.create({
      data: {
        customerId,
        channel: "email",
        change: "granted",
        address: customer.email,
        source: "postmark_subscription_change",
        wording: null,
        occurredAt: at,
      },
    });
  return reachable;
}

/** An agent unsubscribes the customer of a conversation (e.g. an unverified "unsubscribe me"), audited. */
export async function unsubscribeEmailByAgent(
  conversationId: string,
  actorUserId: string,
  at = new Date(),
): Promise<void> {
  await db.$transaction(async (tx) => {
    const conversation = await tx.conversation.findUnique({
      where: { id: conversationId },
      select: { customerId: true },
    });
    if (!conversation) throw AppError.because("not_found", "conversationGone");
    await unsubscribeEmail(conversation.customerId, "agent", null, at, tx);
    await recordAudit(
      {
        actorUserId,
        action: "customer.email_unsubscribed",
        entityType: "customer",
        entityId: conversation.customerId,
        data: { conversationId },
      },
      tx,
    );
  });
}
