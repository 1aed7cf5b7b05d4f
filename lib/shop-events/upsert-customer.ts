import "server-only";
import type { DbClient } from "@/lib/db";
import type { Customer } from "@/lib/generated/prisma/client";
import type { CustomerDetails } from "@/lib/shop-events/shop-event";

/**
 * Finds the customer by platform id, then email, then phone, and fills in what we did not know.
 * Known values are never overwritten by missing ones. Null when there is nothing to identify them.
 */
export async function upsertCustomer(details: CustomerDetails, tx: DbClient): Promise<Customer | null> {
  const { externalId, email, phone } = details;
  if (!externalId && !email && !phone) return null;
  const existing =
    (externalId && (await tx.customer.findUnique({ where: { externalId } }))) ||
    (email && (await tx.customer.findUnique({ where: { email } }))) ||
    (phone && (await tx.customer.findUnique({ where: { phone } }))) ||
    null;

  if (!existing) {
    return tx.customer.create({
      data: {
        externalId: externalId ?? null,
        email: email ?? null,
        phone: phone ?? null,
        firstName: details.firstName ?? null,
        lastName: details.lastName ?? null,
        timeZone: details.timeZone ?? null,
        ...(details.locale ? { locale: details.locale } : {}),
      },
    });
  }

  const fill = async <K extends "externalId" | "email" | "phone">(field: K, value: string | null | undefined) => {
    if (!value || existing[field]) return {};
    // Another customer may already own this identifier; keep the data consistent rather than merge.
    const owner = await tx.customer.findFirst({ where: { [field]: value }, select: { id: true } });
    return owner ? {} : { [field]: value };
  };
  const data = {
    ...(await fill("externalId", externalId)),
    ...(await fill("email", email)),
    ...(await fill("phone", phone)),
    ...(!existing.firstName && details.firstName ? { firstName: details.firstName } : {}),
    ...(!existing.lastName && details.lastName ? { lastName: details.lastName } : {}),
    ...(!existing.timeZone && details.timeZone ? { timeZone: details.timeZone } : {}),
    ...(details.locale && details.locale !== existing.locale ? { locale: details.locale } : {}),
  };
  return Object.keys(data).length ? tx.customer.update({ where: { id: existing.id }, data }) : existing;
}
