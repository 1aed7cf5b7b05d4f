import "server-only";
import type { DbClient } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Channel, Flow } from "@/lib/generated/prisma/enums";

/** Why messages still waiting to go out are cancelled. */
export type CancelReason =
  | { kind: "customer_replied" }
  | { kind: "review_link_sent" }
  | { kind: "order_placed" }
  | { kind: "email_unsubscribed" }
  | { kind: "email_suppressed"; source: string }
  | { kind: "sms_opted_out" }
  | { kind: "data_erased" };

/** The reason each cancelled message keeps (ScheduledMessage.statusReason), as agents read it. */
export function cancelReasonText(reason: CancelReason): string {
  switch (reason.kind) {
    case "customer_replied":
      return "cancelled: the customer replied";
    case "review_link_sent":
      return "cancelled: the review link went with the thank-you";
    case "order_placed":
      return "cancelled: the order was placed";
    case "email_unsubscribed":
      return "cancelled: unsubscribed from email";
    case "email_suppressed":
      return `cancelled: ${reason.source}`;
    case "sms_opted_out":
      return "cancelled: opted out of SMS (STOP)";
    case "data_erased":
      return "cancelled: the customer's data was erased";
  }
}

/** Which waiting messages: every condition given must hold; `steps` and `flows` add up. */
export type PendingMessages = {
  id?: string;
  customerId?: string;
  checkoutId?: string;
  /** SMS to whoever is texted on this number. */
  smsNumber?: string;
  channel?: Channel;
  flows?: readonly Flow[];
  steps?: readonly { flow: Flow; step: string }[];
  /** One of these must match (a checkout or its customer). */
  anyOf?: readonly { checkoutId?: string; customerId?: string }[];
};

/**
 * The one place that cancels messages still waiting to go out (scheduled or paused), each with
 * its reason. Returns how many were cancelled.
 */
export async function cancelPendingMessages(
  which: PendingMessages,
  reason: CancelReason,
  tx: DbClient,
): Promise<number> {
  // Only the keys given: Prisma reads an undefined filter as "anything".
  const anyOf = (which.anyOf ?? [])
    .map(({ checkoutId, customerId }) => ({
      ...(checkoutId ? { checkoutId } : {}),
      ...(customerId ? { customerId } : {}),
    }))
    .filter((subject) => Object.keys(subject).length > 0);
  // Never "every pending message": a subject is required.
  if (!which.id && !which.customerId && !which.checkoutId && !which.smsNumber && anyOf.length === 0) return 0;
  const kinds = [
    ...(which.flows ?? []).map((flow) => ({ flow })),
    ...(which.steps ?? []).map(({ flow, step }) => ({ flow, step })),
  ];
  const where: Prisma.ScheduledMessageWhereInput = {
    status: { in: ["scheduled", "paused"] },
    ...(which.id ? { id: which.id } : {}),
    ...(which.customerId ? { customerId: which.customerId } : {}),
    ...(which.checkoutId ? { checkoutId: which.checkoutId } : {}),
    ...(which.smsNumber ? { channel: "sms", customer: { phone: which.smsNumber } } : {}),
    ...(which.channel ? { channel: which.channel } : {}),
    AND: [...(kinds.length ? [{ OR: kinds }] : []), ...(anyOf.length ? [{ OR: anyOf }] : [])],
  };
  const { count } = await tx.scheduledMessage.updateMany({
    where,
    data: { status: "cancelled", statusReason: cancelReasonText(reason) },
  });
  return count;
}
