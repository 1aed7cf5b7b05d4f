import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db, type DbClient } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PrivacyRequestKind } from "@/lib/generated/prisma/enums";
import { logError, logInfo } from "@/lib/log";
import { eraseCustomer, type ErasureSummary } from "@/lib/privacy/erase-customer";
import { rememberErasedIdentities } from "@/lib/privacy/erased-identities";
import { exportCustomerData } from "@/lib/privacy/export-customer-data";

/** Shopify's mandatory privacy webhooks. */
export type ComplianceTopic = "customers/data_request" | "customers/redact" | "shop/redact";

export const PRIVACY_KIND_BY_TOPIC: Record<ComplianceTopic, PrivacyRequestKind> = {
  "customers/data_request": "export",
  "customers/redact": "erase_customer",
  "shop/redact": "erase_shop",
};

export type PrivacySubject = { externalId: string | null; email: string | null; phone: string | null };

/** Erasing a whole shop goes this many customers per transaction, so a crash loses little. */
const SHOP_ERASURE_BATCH = 100;
/** An erasure touches every table: more time than Prisma's default 5 s transaction. */
const TRANSACTION = { timeout: 120_000, maxWait: 10_000 };

/** Records a request; it is carried out after (carryOutPrivacyRequest). */
export async function recordPrivacyRequest(
  input: {
    kind: PrivacyRequestKind;
    source: "shopify" | "admin";
    subject?: PrivacySubject | null;
    customerId?: string | null;
    requestedById?: string | null;
  },
  tx: DbClient = db,
): Promise<{ id: string }> {
  return tx.privacyRequest.create({
    data: {
      kind: input.kind,
      source: input.source,
      customerId: input.customerId ?? null,
      externalCustomerId: input.subject?.externalId ?? null,
      email: input.subject?.email ?? null,
      phone: input.subject?.phone ?? null,
      requestedById: input.requestedById ?? null,
    },
    select: { id: true },
  });
}

/**
 * Every customer a request names: by Shopify id, email or phone, and whoever holds a number
 * named (one person may have two records, e.g. one from a checkout and one from an SMS).
 */
async function customersNamed(
  request: { customerId: string | null; externalCustomerId: string | null; email: string | null; phone: string | null },
  tx: DbClient,
): Promise<string[]> {
  if (request.customerId) return [request.customerId];
  const named = [
    request.externalCustomerId && { externalId: request.externalCustomerId },
    request.email && { email: request.email },
    request.phone && { phone: request.phone },
    request.phone && { phoneNumbers: { some: { number: request.phone } } },
  ].filter(Boolean) as Prisma.CustomerWhereInput[];
  if (named.length === 0) return [];
  const rows = await tx.customer.findMany({
    where: { OR: named, erasedAt: null },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => row.id);
}

/**
 * Carries out one pending request, once: the request row is locked for the duration, and a
 * completed one is left alone. Returns what was done, or null if there was nothing to do.
 */
export async function carryOutPrivacyRequest(requestId: string, now = new Date()): Promise<string | null> {
  const kind =
    (await db.privacyRequest.findUnique({ where: { id: requestId }, select: { kind: true, completedAt: true } })) ??
    null;
  if (!kind || kind.completedAt) return null;
  if (kind.kind === "erase_shop") return eraseShop(requestId, now);
  return db.$transaction(async (tx) => {
    const [request] = await tx.$queryRaw<
      {
        id: string;
        kind: PrivacyRequestKind;
        source: string;
        customerId: string | null;
        externalCustomerId: string | null;
        email: string | null;
        phone: string | null;
        requestedById: string | null;
      }[]
    >`
      SELECT id, kind::text AS kind, source, "customerId", "externalCustomerId", email, phone, "requestedById" FROM "PrivacyRequest"
      WHERE id = ${requestId} AND "completedAt" IS NULL FOR UPDATE SKIP LOCKED`;
    if (!request) return null;
    const customerIds = await customersNamed(request, tx);
    const customerId = customerIds[0] ?? null;
    let outcome: string;
    if (request.kind === "export") {
      const exports: Prisma.InputJsonObject[] = [];
      for (const id of customerIds) {
        const exported = await exportCustomerData(id, tx, now);
        if (exported) exports.push(exported);
      }
      const content = exports.length
        ? { format: "reply-inbox.customer-export.v1", exportedAt: now.toISOString(), customers: exports }
        : null;
      outcome = content
        ? exports.length > 1
          ? `exported: ${exports.length} customer records`
          : "exported"
        : "no data held about this customer";
      await tx.privacyRequest.update({
        where: { id: request.id },
        data: { customerId, export: content ?? undefined, completedAt: now, outcome },
      });
      await recordAudit(
        {
          actorUserId: request.requestedById,
          action: "customer.data_exported",
          entityType: "customer",
          entityId: customerId,
          data: { requestId: request.id, source: request.source, outcome },
        },
        tx,
      );
    } else {
      const summaries: ErasureSummary[] = [];
      for (const id of customerIds) {
        const summary = await eraseCustomer(id, tx, now);
        if (summary) summaries.push(summary);
      }
      // Even with nothing held, the identifiers named are remembered: a late webhook stays anonymous.
      await rememberErasedIdentities(
        { email: request.email, phone: request.phone, externalId: request.externalCustomerId },
        tx,
        now,
      );
      const total = (key: keyof ErasureSummary) => summaries.reduce((sum, summary) => sum + summary[key], 0);
      outcome = summaries.length
        ? `erased${summaries.length > 1 ? ` ${summaries.length} customer records` : ""}: ${total("conversations")} conversation(s), ${total("messages")} message(s), ${total("attachments")} attachment(s); ${total("cancelledMessages")} pending message(s) cancelled`
        : "no data held about this customer";
      await tx.privacyRequest.update({
        where: { id: request.id },
        data: { customerId, email: null, phone: null, externalCustomerId: null, completedAt: now, outcome },
      });
      for (const id of customerIds.length ? customerIds : [null]) {
        await recordAudit(
          {
            actorUserId: request.requestedById,
            action: "customer.erased",
            entityType: "customer",
            entityId: id,
            data: { requestId: request.id, source: request.source, outcome },
          },
          tx,
        );
      }
    }
    return outcome;
  }, TRANSACTION);
}

/** How long a whole-shop erasure holds its request before another run may carry it on. */
const SHOP_ERASURE_LEASE_MS = 5 * 60_000;

/**
 * Shopify shop/redact: every customer erased, in batches that each commit (a crash resumes), by
 * one run at a time (a lease on the request), then what no customer owns, set-based.
 */
async function eraseShop(requestId: string, now: Date): Promise<string | null> {
  const lease = () => new Date(Date.now() + SHOP_ERASURE_LEASE_MS);
  const { count } = await db.privacyRequest.updateMany({
    where: { id: requestId, completedAt: null, OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: new Date() } }] },
    data: { leaseExpiresAt: lease() },
  });
  if (count === 0) return null;
  let erased = 0;
  for (;;) {
    const batch = await db.customer.findMany({
      where: { erasedAt: null },
      select: { id: true },
      take: SHOP_ERASURE_BATCH,
      orderBy: { id: "asc" },
    });
    if (batch.length === 0) break;
    await db.$transaction(async (tx) => {
      for (const { id } of batch) await eraseCustomer(id, tx, now, { wholeShop: true });
      await tx.privacyRequest.update({ where: { id: requestId }, data: { leaseExpiresAt: lease() } });
    }, TRANSACTION);
    erased += batch.length;
  }
  const outcome = `shop data erased: ${erased} customer(s)`;
  await db.$transaction(async (tx) => {
    // What the per-customer passes leave to one statement each: checkouts (with or without a
    // customer), the demo outbox, failed webhook bodies, audit details about customers, requests' identifiers and exports.
    await tx.checkout.updateMany({
      where: { OR: [{ email: { not: null } }, { phone: { not: null } }, { checkoutUrl: { not: null } }] },
      data: { email: null, phone: null, checkoutUrl: null },
    });
    await tx.outboxMessage.deleteMany({});
    await tx.webhookFailure.updateMany({
      where: { payload: { not: null } },
      data: { payload: null, headers: Prisma.DbNull },
    });
    await tx.auditLog.updateMany({
      where: {
        entityType: { in: ["customer", "conversation", "scheduled_message"] },
        action: { notIn: ["customer.erased", "customer.data_exported"] },
      },
      data: { data: Prisma.DbNull },
    });
    await tx.privacyRequest.updateMany({
      data: { email: null, phone: null, externalCustomerId: null, export: Prisma.DbNull },
    });
    await tx.privacyRequest.updateMany({
      where: { id: requestId, completedAt: null },
      data: { completedAt: now, outcome, leaseExpiresAt: null },
    });
    await recordAudit(
      { actorUserId: null, action: "shop.erased", entityType: "shop", entityId: null, data: { requestId, outcome } },
      tx,
    );
  }, TRANSACTION);
  logInfo("privacy", `Shopify shop/redact carried out: ${outcome}. The app keeps running with no customer data.`);
  return outcome;
}

/** An admin's export of one customer: done at once; the file is downloaded from the request. */
export async function exportCustomerForAdmin(customerId: string, actorUserId: string): Promise<{ requestId: string }> {
  const request = await recordPrivacyRequest({
    kind: "export",
    source: "admin",
    customerId,
    requestedById: actorUserId,
  });
  await carryOutPrivacyRequest(request.id);
  return { requestId: request.id };
}

/** An admin's "Erase this customer" (asked to confirm in the UI): done at once. */
export async function eraseCustomerForAdmin(customerId: string, actorUserId: string): Promise<string> {
  const customer = await db.customer.findUnique({ where: { id: customerId }, select: { erasedAt: true } });
  if (!customer) throw AppError.because("not_found", "customerNotFound");
  if (customer.erasedAt) throw AppError.because("conflict", "customerAlreadyErased");
  const request = await recordPrivacyRequest({
    kind: "erase_customer",
    source: "admin",
    customerId,
    requestedById: actorUserId,
  });
  return (await carryOutPrivacyRequest(request.id)) ?? "";
}

/** A stored export, for an admin to download. */
export async function storedExport(requestId: string) {
  return db.privacyRequest.findFirst({
    where: { id: requestId, kind: "export", completedAt: { not: null } },
    select: { id: true, customerId: true, export: true, completedAt: true },
  });
}

/** Requests a crash left pending (run by the dispatcher; older than a minute, so `after` had its chance). */
export async function carryOutPendingPrivacyRequests(now = new Date()): Promise<number> {
  const pending = await db.privacyRequest.findMany({
    where: { completedAt: null, requestedAt: { lt: new Date(now.getTime() - 60_000) } },
    select: { id: true },
    orderBy: { requestedAt: "asc" },
    take: 20,
  });
  for (const { id } of pending) {
    try {
      await carryOutPrivacyRequest(id, now);
    } catch (error) {
      logError("privacy", `request ${id} failed; retried on the next run`, error);
    }
  }
  return pending.length;
}
