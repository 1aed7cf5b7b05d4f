import "server-only";
import { db, type DbClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReportFilters } from "@/lib/reports/report-filters";
import { businessDuration, type BusinessDays, type BusinessHours } from "@/lib/settings/business-hours";
import { getShopSettingsRow } from "@/lib/settings/get-shop-settings";

// How fast the team answers and closes, in business hours (Settings): the first response to a
// conversation whose customer wrote first in the range, and the resolution of the conversations
// closed in it; median and 90th percentile, overall and per agent, with the counts they stand on.

/** The value below which `share` of the sorted values fall (nearest rank); null for none. */
export function percentile(sorted: readonly number[], share: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(share * sorted.length));
  return sorted[rank - 1]!;
}

export type DurationStats = { count: number; medianMs: number | null; p90Ms: number | null };
export type AgentDurations = DurationStats & { agentId: string | null; name: string | null };

export type ResponseTimes = {
  businessHours: BusinessHours;
  firstResponse: {
    /** Conversations whose customer first wrote in the range, praise and opt-outs aside (handled without a person). */
    asked: number;
    overall: DurationStats;
    /** By the agent who sent the first reply. */
    byAgent: AgentDurations[];
  };
  resolution: {
    overall: DurationStats;
    /** By the conversation's assignee when it was closed (null: nobody). */
    byAgent: AgentDurations[];
  };
};

function stats(durations: number[]): DurationStats {
  const sorted = [...durations].sort((a, b) => a - b);
  return { count: sorted.length, medianMs: percentile(sorted, 0.5), p90Ms: percentile(sorted, 0.9) };
}

function byAgent(rows: { agentId: string | null; name: string | null; ms: number }[]): AgentDurations[] {
  const groups = new Map<string | null, { name: string | null; durations: number[] }>();
  for (const row of rows) {
    const group = groups.get(row.agentId) ?? { name: row.name, durations: [] };
    group.durations.push(row.ms);
    groups.set(row.agentId, group);
  }
  return [...groups]
    .map(([agentId, group]) => ({ agentId, name: group.name, ...stats(group.durations) }))
    .sort((a, b) => b.count - a.count || (a.name ?? "").localeCompare(b.name ?? ""));
}

type FirstResponseRow = { asked: Date; answered: Date | null; agentId: string | null; agentName: string | null };
type ResolutionRow = { asked: Date; closedAt: Date; agentId: string | null; agentName: string | null };

export async function responseTimes(filters: ReportFilters, client: DbClient = db): Promise<ResponseTimes> {
  const settings = await getShopSettingsRow(client);
  const hours: BusinessHours = {
    timeZone: settings?.timeZone ?? "UTC",
    startHour: settings?.businessStartHour ?? 9,
    endHour: settings?.businessEndHour ?? 18,
    days: (settings?.businessDays ?? "mon_fri") as BusinessDays,
  };
  const channel = filters.channel === "all" ? Prisma.empty : Prisma.sql`AND m.channel = ${filters.channel}::"Channel"`;
  // The customer's first message of each conversation, in the range, and the first reply a person sent after it.
  const firstResponses = await client.$queryRaw<FirstResponseRow[]>`
    SELECT m."createdAt" AS asked, r."createdAt" AS answered, r."authorUserId" AS "agentId", u.name AS "agentName"
      FROM "Message" m
      JOIN "Conversation" c ON c.id = m."conversationId" AND c."mergedIntoId" IS NULL
      LEFT JOIN LATERAL (
        SELECT r."createdAt", r."authorUserId" FROM "Message" r
         WHERE r."conversationId" = m."conversationId" AND r.direction = 'outbound' AND r."authorType" = 'staff'
           AND r."isInternalNote" = false AND r."deliveryStatus" IN ('sent', 'delivered') AND r."createdAt" >= m."createdAt"
         ORDER BY r."createdAt" LIMIT 1) r ON true
      LEFT JOIN "User" u ON u.id = r."authorUserId"
     WHERE m.direction = 'inbound' AND m."createdAt" >= ${filters.from} AND m."createdAt" < ${filters.to} ${channel}
       AND (m.intent IS NULL OR m.intent NOT IN ('praise', 'opt_out'))
       AND NOT EXISTS (
         SELECT 1 FROM "Message" e
          WHERE e."conversationId" = m."conversationId" AND e.direction = 'inbound' AND e."createdAt" < m."createdAt")`;
  const resolutions = await client.$queryRaw<ResolutionRow[]>`
    SELECT first.asked, c."closedAt", c."assigneeId" AS "agentId", u.name AS "agentName"
      FROM "Conversation" c
      JOIN LATERAL (
        SELECT min(m."createdAt") AS asked FROM "Message" m
         WHERE m."conversationId" = c.id AND m.direction = 'inbound' ${channel}) first ON first.asked IS NOT NULL
      LEFT JOIN "User" u ON u.id = c."assigneeId"
     WHERE c.status = 'closed' AND c."mergedIntoId" IS NULL AND c."closedAt" >= ${filters.from} AND c."closedAt" < ${filters.to}`;

  const answered = firstResponses
    .filter((row) => row.answered)
    .map((row) => ({
      agentId: row.agentId,
      name: row.agentName,
      ms: businessDuration(row.asked, row.answered!, hours),
    }));
  const resolved = resolutions.map((row) => ({
    agentId: row.agentId,
    name: row.agentName,
    ms: businessDuration(row.asked, row.closedAt, hours),
  }));
  return {
    businessHours: hours,
    firstResponse: {
      asked: firstResponses.length,
      overall: stats(answered.map((row) => row.ms)),
      byAgent: byAgent(answered),
    },
    resolution: { overall: stats(resolved.map((row) => row.ms)), byAgent: byAgent(resolved) },
  };
}
