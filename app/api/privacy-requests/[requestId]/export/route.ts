import { requireRoutePermission } from "@/lib/auth/route-access";
import { errorResponse } from "@/lib/http/json-response";
import { storedExport } from "@/lib/privacy/privacy-requests";

export const dynamic = "force-dynamic";

/** A customer's data export (a Shopify data request or an admin's), as a JSON download. Admins only. */
export async function GET(_request: Request, { params }: { params: Promise<{ requestId: string }> }) {
  const access = await requireRoutePermission("customers.privacy");
  if ("response" in access) return access.response;
  try {
    const stored = await storedExport((await params).requestId);
    if (!stored?.export)
      return Response.json(
        { error: "No export with this id (or its customer has since been erased)." },
        { status: 404 },
      );
    return new Response(JSON.stringify(stored.export, null, 2), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="customer-export-${stored.id}.json"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, "privacy export");
  }
}
