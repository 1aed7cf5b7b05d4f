import "server-only";
import { db, type DbClient } from "@/lib/db";
import { oneOf } from "@/lib/db/json-sets";
import type { Customer, ScheduledMessage } from "@/lib/generated/prisma/client";

/** A claimed message with what its rules and its text read about the customer, the order and the checkout. */
export type ClaimedMessage = ScheduledMessage & {
  customer: Customer;
  order: { number: string; placedAt: Date; deliveredAt: Date | null; productName: string | null } | null;
  checkout: { checkoutUrl: string | null; completed: boolean; productName: string | null } | null;
  /** Messenger and Instagram: the page and the customer's id on it (their latest, like a person's answer). */
  chatIdentity: { accountId: string; externalId: string } | null;
};

type Row = ScheduledMessage & {
  orderNumber: string | null;
  orderPlacedAt: Date | null;
  orderDeliveredAt: Date | null;
  orderProductName: string | null;
  checkoutUrl: string | null;
  checkoutCompleted: boolean;
  checkoutProductName: string | null;
  chatAccountId: string | null;
  chatExternalId: string | null;
};

/**
 * The claimed messages still held ("sending"), in two queries for the whole batch. Raw SQL: the
 * same read through Prisma's nested includes cost the dispatcher more CPU than the rest of a send.
 * The product named is the order's (else the checkout's) first line item by id, as before.
 */
export async function loadClaimedMessages(ids: string[], tx: DbClient = db): Promise<ClaimedMessage[]> {
  if (ids.length === 0) return [];
  const rows = await tx.$queryRaw<Row[]>`
    SELECT s.*,
           o.number AS "orderNumber", o."placedAt" AS "orderPlacedAt", o."deliveredAt" AS "orderDeliveredAt",
           (SELECT li.title FROM "LineItem" li WHERE li."orderId" = o.id ORDER BY li.id LIMIT 1) AS "orderProductName",
           k."checkoutUrl",
           k."completedAt" IS NOT NULL OR EXISTS (SELECT 1 FROM "Order" ko WHERE ko."checkoutId" = k.id) AS "checkoutCompleted",
           (SELECT li.title FROM "LineItem" li WHERE li."checkoutId" = k.id ORDER BY li.id LIMIT 1) AS "checkoutProductName",
           ci."accountId" AS "chatAccountId", ci."externalId" AS "chatExternalId"
      FROM "ScheduledMessage" s
      LEFT JOIN "Order" o ON o.id = s."orderId"
      LEFT JOIN "Checkout" k ON k.id = s."checkoutId"
      LEFT JOIN LATERAL (SELECT i."accountId", i."externalId" FROM "ChannelIdentity" i
                          WHERE s.channel IN ('messenger', 'instagram') AND i."customerId" = s."customerId" AND i.channel = s.channel
                          ORDER BY i."updatedAt" DESC LIMIT 1) ci ON true
     WHERE s.id IN ${oneOf(ids)} AND s.status = 'sending'`;
  if (rows.length === 0) return [];
  const customers = await tx.$queryRaw<
    Customer[]
  >`SELECT * FROM "Customer" WHERE id IN ${oneOf([...new Set(rows.map((row) => row.customerId))])}`;
  const customersById = new Map(customers.map((customer) => [customer.id, customer]));
  return rows.map(
    ({
      orderNumber,
      orderPlacedAt,
      orderDeliveredAt,
      orderProductName,
      checkoutUrl,
      checkoutCompleted,
      checkoutProductName,
      chatAccountId,
      chatExternalId,
      ...scheduled
    }) => ({
      ...scheduled,
      customer: customersById.get(scheduled.customerId)!,
      // An order or checkout deleted meanwhile nulls the message's reference to it (ON DELETE SET NULL).
      order: scheduled.orderId
        ? {
            number: orderNumber!,
            placedAt: orderPlacedAt!,
            deliveredAt: orderDeliveredAt,
            productName: orderProductName,
          }
        : null,
      checkout: scheduled.checkoutId
        ? { checkoutUrl, completed: checkoutCompleted, productName: checkoutProductName }
        : null,
      chatIdentity: chatExternalId ? { accountId: chatAccountId!, externalId: chatExternalId } : null,
    }),
  );
}
