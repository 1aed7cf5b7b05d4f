import "server-only";
import { db } from "@/lib/db";
import type { TemplateValues } from "@/lib/templates/render-template";

export type PreviewCustomer = { id: string; label: string; locale: "en" | "fr"; values: TemplateValues };

/** Real customers to preview a template on (their first name, last product, order), after a sample. */
export async function listPreviewCustomers(shop: {
  shopName: string;
  founderName: string;
  appUrl: string;
}): Promise<PreviewCustomer[]> {
  const common = {
    shopName: shop.shopName,
    founderName: shop.founderName,
    reviewLink: `${shop.appUrl.replace(/\/$/, "")}/r/Xk3v9QpL2a`,
    checkoutLink: `${shop.appUrl.replace(/\/$/, "")}/r/Ck3v9QpL2a`,
  };
  const customers = await db.customer.findMany({
    where: { firstName: { not: null } },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: {
      id: true,
      firstName: true,
      lastName: true,
      locale: true,
      orders: {
        orderBy: { placedAt: "desc" },
        take: 1,
        select: { number: true, lineItems: { take: 1, select: { title: true } } },
      },
    },
  });
  return [
    {
      id: "sample-fr",
      label: "Exemple : Camille (FR)",
      locale: "fr",
      values: { ...common, firstName: "Camille", productName: "Lampe Lune", orderNumber: "#1042" },
    },
    {
      id: "sample-en",
      label: "Sample: Sam (EN)",
      locale: "en",
      values: { ...common, firstName: "Sam", productName: "Moon Lamp", orderNumber: "#1042" },
    },
    {
      id: "sample-missing",
      label: "Sample with no name or product",
      locale: "en",
      values: { ...common, firstName: null, productName: null, orderNumber: null },
    },
    ...customers.map((c) => ({
      id: c.id,
      label: [c.firstName, c.lastName].filter(Boolean).join(" "),
      locale: c.locale,
      values: {
        ...common,
        firstName: c.firstName,
        productName: c.orders[0]?.lineItems[0]?.title ?? null,
        orderNumber: c.orders[0]?.number ?? null,
      },
    })),
  ];
}
