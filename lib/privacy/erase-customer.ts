import "server-only";
import type { DbClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { cancelPendingMessages } from "@/lib/delivery/cancel-pending-messages";
import { rememberErasedIdentities } from "@/lib/privacy/erased-identities";
import { forgetFailedDeliveriesMentioning } from "@/lib/webhooks/webhook-outcomes";

/** What an erased message, subject or name reads as in the inbox. */
export const ERASED_TEXT = "[erased]";

export type ErasureSummary = {
  conversations: number;
  messages: number;
  attachments: number;
  cancelledMessages: number;
  auditEntries: number;
};

/**
 * Erases one customer's personal data everywhere it appears, in one transaction: their
 * identifiers and names, their numbers and consent addresses, the bodies, subjects, addresses
 * and attachments of every message in their conversations (internal notes included), notes on
 * friction marks, checkout contact details, link-click user agents, audit details about them,
 * send errors, exports and failed webhook deliveries that mention them. What the reports count stays (the customer row, conversations,
 * messages, orders, sends, clicks, reviews, as anonymous rows). Pending messages are cancelled.
 * Their identifiers are remembered as one-way fingerprints so a later webhook cannot restore
 * them. Running it again changes nothing.
 */
export async function eraseCustomer(
  customerId: string,
  tx: DbClient,
  now = new Date(),
  options: { wholeShop?: boolean } = {},
): Promise<ErasureSummary | null> {
  // Locked first: an inbound message for them waits (lib/inbound: FOR SHARE), then finds no one.
  const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Customer" WHERE id = ${customerId} FOR UPDATE`;
  if (!locked) return null;
  const customer = await tx.customer.findUniqueOrThrow({
    where: { id: customerId },
    select: { id: true, email: true, phone: true, externalId: true, phoneNumbers: { select: { number: true } } },
  });
  const numbers = [
    ...new Set([customer.phone, ...customer.phoneNumbers.map((p) => p.number)].filter(Boolean) as string[]),
  ];
  const addresses = [customer.email, ...numbers].filter(Boolean) as string[];
  await rememberErasedIdentities({ email: customer.email, externalId: customer.externalId }, tx, now);
  for (const phone of numbers) await rememberErasedIdentities({ phone }, tx, now);

  const cancelledMessages = await cancelPendingMessages({ customerId }, { kind: "data_erased" }, tx);
  await tx.$executeRaw`UPDATE "ScheduledMessage" SET "lastError" = NULL WHERE "customerId" = ${customerId} AND "lastError" IS NOT NULL`;

  const conversations =
    await tx.$executeRaw`UPDATE "Conversation" SET subject = NULL, "updatedAt" = ${now} WHERE "customerId" = ${customerId}`;
  const attachments = await tx.$executeRaw`
    DELETE FROM "Attachment" a USING "Message" m, "Conversation" c
    WHERE a."messageId" = m.id AND m."conversationId" = c.id AND c."customerId" = ${customerId}`;
  const messages = await tx.$executeRaw`
    UPDATE "Message" m SET "textBody" = ${ERASED_TEXT}, "strippedText" = NULL, "htmlBody" = NULL, subject = NULL, "fromAddress" = NULL, "toAddress" = NULL,
      "emailMessageId" = NULL, "inReplyTo" = NULL, "references" = NULL, "deliveryError" = NULL
    FROM "Conversation" c WHERE m."conversationId" = c.id AND c."customerId" = ${customerId}`;
  await tx.$executeRaw`UPDATE "FrictionMark" f SET note = NULL FROM "Conversation" c WHERE f."conversationId" = c.id AND c."customerId" = ${customerId} AND f.note IS NOT NULL`;
  await tx.$executeRaw`UPDATE "LinkClick" k SET "userAgent" = NULL FROM "TrackedLink" l WHERE k."linkId" = l.id AND l."customerId" = ${customerId}`;
  // A cart link leads to their cart: it now leads to the shop's home page.
  await tx.$executeRaw`UPDATE "TrackedLink" SET "targetUrl" = substring("targetUrl" from '^[a-z]+://[^/?#]+') || '/' WHERE "customerId" = ${customerId} AND kind = 'checkout'`;
  await tx.$executeRaw`UPDATE "ConsentEvent" SET address = NULL, wording = NULL WHERE "customerId" = ${customerId}`;
  // Their Messenger and Instagram ids go: a next message from them starts a new record, never this one.
  await tx.$executeRaw`DELETE FROM "ChannelIdentity" WHERE "customerId" = ${customerId}`;
  await tx.$executeRaw`DELETE FROM "PhoneNumber" WHERE "customerId" = ${customerId} OR number IN (${Prisma.join(numbers.length ? numbers : [""])})`;
  await tx.$executeRaw`UPDATE "Checkout" SET email = NULL, phone = NULL, "checkoutUrl" = NULL, "updatedAt" = ${now} WHERE "customerId" = ${customerId}`;
  // What follows reads whole tables (no index on these addresses and details): a whole-shop
  // erasure does it once, set-based, at the end (lib/privacy/privacy-requests.ts).
  const anonymize = () =>
    tx.customer.update({
      where: { id: customerId },
      data: {
        email: null,
        phone: null,
        externalId: null,
        firstName: null,
        lastName: null,
        timeZone: null,
        emailSuppressedReason: null,
        erasedAt: now,
      },
    });
  if (options.wholeShop) {
    await anonymize();
    return { conversations, messages, attachments, cancelledMessages, auditEntries: 0 };
  }
  if (addresses.length) {
    await tx.$executeRaw`UPDATE "Checkout" SET email = NULL, phone = NULL, "checkoutUrl" = NULL, "updatedAt" = ${now} WHERE email IN (${Prisma.join(addresses)}) OR phone IN (${Prisma.join(addresses)})`;
    await tx.$executeRaw`DELETE FROM "OutboxMessage" WHERE "toAddress" IN (${Prisma.join(addresses)}) OR "fromAddress" IN (${Prisma.join(addresses)})`;
    // A delivery that failed and waits for a replay: it cannot be replayed once its body is gone.
    await forgetFailedDeliveriesMentioning(addresses, tx);
  }
  // Audit entries keep who did what and when; their details about this customer go.
  const auditEntries = await tx.$executeRaw`
    UPDATE "AuditLog" SET data = NULL
    WHERE data IS NOT NULL AND (
      "entityId" = ${customerId}
      OR "entityId" IN (SELECT id FROM "Conversation" WHERE "customerId" = ${customerId})
      OR "entityId" IN (SELECT id FROM "ScheduledMessage" WHERE "customerId" = ${customerId})
      OR EXISTS (SELECT 1 FROM unnest(${[customerId, ...addresses]}::text[]) identifier WHERE strpos(data::text, identifier) > 0))`;
  await tx.$executeRaw`
    UPDATE "PrivacyRequest" SET email = NULL, phone = NULL, "externalCustomerId" = NULL, export = NULL
    WHERE "customerId" = ${customerId} OR email = ${customer.email ?? ""} OR phone IN (${Prisma.join(numbers.length ? numbers : [""])})`;
  await anonymize();
  return { conversations, messages, attachments, cancelledMessages, auditEntries };
}
