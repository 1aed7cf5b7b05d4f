import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/http/json-response";

function sameSecret(given: string, expected: string): boolean {
  // Hash both so the comparison is constant-time whatever the lengths.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** A cron route: `Authorization: Bearer CRON_SECRET` or 401, then the job's report as JSON. */
export function withCron(name: string, job: () => Promise<unknown>) {
  return async (request: Request): Promise<Response> => {
    const header = request.headers.get("authorization") ?? "";
    const token = header.startsWith("Bearer ") ? header.slice("Bearer ".length) : "";
    if (!token || !sameSecret(token, env().CRON_SECRET)) {
      return Response.json({ error: "Missing or wrong Authorization: Bearer <CRON_SECRET>." }, { status: 401 });
    }
    try {
      return Response.json(await job(), { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      return errorResponse(error, `cron ${name}`);
    }
  };
}
