import { checkDatabase } from "@/lib/health/check-database";
import { logError } from "@/lib/log";

export const dynamic = "force-dynamic";

export async function GET() {
  const database = await checkDatabase();
  if (!database.ok) {
    logError("health", `database unreachable: ${database.error}`);
    return Response.json(
      { status: "unavailable", database: "unreachable" },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
  return Response.json(
    { status: "ok", database: "ok", latencyMs: database.latencyMs },
    { headers: { "Cache-Control": "no-store" } },
  );
}
