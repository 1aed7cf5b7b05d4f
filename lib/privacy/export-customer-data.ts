import "server-only";
import type { DbClient } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { failedDeliveriesMentioning } from "@/lib/webhooks/webhook-outcomes";

/**
 * Everything held about one customer, as JSON an admin can hand over: profile, numbers and
 * consent history, checkouts and orders with their items, reviews, conversations with every
 * message (attachments as metadata), scheduled messages, tracked links with their clicks, friction
 * notes, the audit entries about them, and webhook deliveries about them that failed and wait
 * for a replay (kept 7 days). Dates are ISO strings, amounts decimal strings.
 */
export async function exportCustomerData(customerId: string, tx: DbClient, now = new Date()) {
  const customer = await tx.customer.findUnique({
    where: { id: customerId },
    include: {
      phoneNumbers: { orderBy: { createdAt: "asc" } },
      channelIdentities: {
        orderBy: { createdAt: "asc" },
        select: { channel: true, externalId: true, profileName: true, createdAt: true, linkedAt: true },
      },
      consentEvents: { orderBy: { occurredAt: "asc" } },
      checkouts: {
        orderBy: { startedAt: "asc" },
        include: { lineItems: { select: { title: true, quantity: true, unitPrice: true } } },
      },
      orders: {
        orderBy: { placedAt: "asc" },
        include: { lineItems: { select: { title: true, quantity: true, unitPrice: true } } },
      },
      reviews: { orderBy: { createdAt: "asc" } },
      conversations: {
        orderBy: { createdAt: "asc" },
        include: {
          frictionMarks: { select: { note: true, createdAt: true, category: { select: { name: true } } } },
          messages: {
            orderBy: { createdAt: "asc" },
            include: {
              attachments: { select: { filename: true, contentType: true, size: true, droppedReason: true } },
            },
          },
        },
      },
      scheduledMessages: { orderBy: { dueAt: "asc" } },
      trackedLinks: {
        orderBy: { createdAt: "asc" },
        include: { clicks: { orderBy: { clickedAt: "asc" }, select: { clickedAt: true, userAgent: true } } },
      },
    },
  });
  if (!customer) return null;
  const entityIds = [
    customer.id,
    ...customer.conversations.map((c) => c.id),
    ...customer.scheduledMessages.map((m) => m.id),
  ];
  const auditEntries = await tx.auditLog.findMany({
    where: { entityId: { in: entityIds } },
    orderBy: { createdAt: "asc" },
    select: { action: true, entityType: true, entityId: true, data: true, createdAt: true },
  });
  const addresses = [customer.email, customer.phone, ...customer.phoneNumbers.map((p) => p.number)].filter(
    (a): a is string => Boolean(a),
  );
  const failedWebhookDeliveries = await failedDeliveriesMentioning([...new Set(addresses)], tx);
  return JSON.parse(
    JSON.stringify({
      exportedAt: now,
      format: "reply-inbox.customer-export.v1",
      customer,
      auditEntries,
      failedWebhookDeliveries,
    }),
  ) as Prisma.InputJsonObject;
}
