import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseReportFilters, type ReportFilters } from "@/lib/reports/report-filters";
import { responseTimes } from "@/lib/reports/response-times";
import { createUser } from "@/lib/users/create-user";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { makeCustomer, makeShopSettings } from "../support/factories";

beforeEach(truncateAllTables);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
let n = 0;

/** A hand-made week in Paris (team open 9:00-18:00, Monday to Friday); times are UTC (Paris is UTC+1). */
async function week() {
  await makeShopSettings({
    timeZone: "Europe/Paris",
    businessStartHour: 9,
    businessEndHour: 18,
    businessDays: "mon_fri",
  });
  const sofia = await createUser({
    email: "sofia@shop.test",
    name: "Sofia",
    role: "agent",
    password: "agent-password",
  });
  const marc = await createUser({ email: "marc@shop.test", name: "Marc", role: "agent", password: "agent-password" });
  const conversation = async (
    asked: string,
    options: {
      reply?: { at: string; by: string; status?: "sent" | "failed"; note?: boolean };
      closed?: { at: string; assignee: string };
      intent?: "praise" | "problem";
    } = {},
  ) => {
    const customer = await makeCustomer({ email: `c${++n}@mail.example` });
    const c = await db.conversation.create({
      data: {
        customerId: customer.id,
        mailboxHash: `h${n}`,
        lastMessageAt: new Date(asked),
        ...(options.closed
          ? { status: "closed", closedAt: new Date(options.closed.at), assigneeId: options.closed.assignee }
          : {}),
      },
    });
    await db.message.create({
      data: {
        conversationId: c.id,
        direction: "inbound",
        channel: "email",
        authorType: "customer",
        textBody: "Bonjour",
        deliveryStatus: "received",
        intent: options.intent ?? "problem",
        createdAt: new Date(asked),
      },
    });
    if (options.reply)
      await db.message.create({
        data: {
          conversationId: c.id,
          direction: "outbound",
          channel: "email",
          authorType: "staff",
          authorUserId: options.reply.by,
          isInternalNote: options.reply.note ?? false,
          textBody: "Voici",
          deliveryStatus: options.reply.status ?? "sent",
          createdAt: new Date(options.reply.at),
        },
      });
  };
  // Monday 9:00 → 9:30 by Sofia; closed 11:00, Sofia's: 30 min and 2 h.
  await conversation("2026-11-23T08:00:00Z", {
    reply: { at: "2026-11-23T08:30:00Z", by: sofia.id },
    closed: { at: "2026-11-23T10:00:00Z", assignee: sofia.id },
  });
  // Friday 17:30 → Monday 9:30 by Marc: an hour of business time, not 64.
  await conversation("2026-11-27T16:30:00Z", { reply: { at: "2026-11-30T08:30:00Z", by: marc.id } });
  // Tuesday 10:00 → 12:00 by Sofia; closed Wednesday 10:00, Marc's: 2 h and 9 h.
  await conversation("2026-11-24T09:00:00Z", {
    reply: { at: "2026-11-24T11:00:00Z", by: sofia.id },
    closed: { at: "2026-11-25T09:00:00Z", assignee: marc.id },
  });
  // Not answered: a note and a failed reply are no response.
  await conversation("2026-11-25T13:00:00Z", { reply: { at: "2026-11-25T13:10:00Z", by: sofia.id, note: true } });
  await conversation("2026-11-25T13:20:00Z", {
    reply: { at: "2026-11-25T13:30:00Z", by: sofia.id, status: "failed" },
  });
  // Praise is handled without a person: not counted as waiting for an answer.
  await conversation("2026-11-25T14:00:00Z", { intent: "praise" });
  // First written before the range: not this range's.
  await conversation("2026-11-01T09:00:00Z", { reply: { at: "2026-11-23T09:00:00Z", by: marc.id } });
  return { sofia, marc };
}

const range = (from: string, to: string): ReportFilters => {
  const parsed = parseReportFilters({ from, to });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.filters;
};

describe("response times", () => {
  it("first response and resolution in business hours, median and 90th percentile, overall and per agent", async () => {
    const { sofia, marc } = await week();
    const report = await responseTimes(range("2026-11-23", "2026-11-30"));
    expect(report.firstResponse.asked).toBe(5);
    expect(report.firstResponse.overall).toEqual({ count: 3, medianMs: 1 * HOUR, p90Ms: 2 * HOUR });
    expect(report.firstResponse.byAgent).toEqual([
      { agentId: sofia.id, name: "Sofia", count: 2, medianMs: 30 * MINUTE, p90Ms: 2 * HOUR },
      { agentId: marc.id, name: "Marc", count: 1, medianMs: 1 * HOUR, p90Ms: 1 * HOUR },
    ]);
    expect(report.resolution.overall).toEqual({ count: 2, medianMs: 2 * HOUR, p90Ms: 9 * HOUR });
    expect(report.resolution.byAgent).toEqual([
      { agentId: marc.id, name: "Marc", count: 1, medianMs: 9 * HOUR, p90Ms: 9 * HOUR },
      { agentId: sofia.id, name: "Sofia", count: 1, medianMs: 2 * HOUR, p90Ms: 2 * HOUR },
    ]);
  });

  it("counts whole days when the team works every day around the clock, and nothing in an empty range", async () => {
    await week();
    await db.shopSettings.update({
      where: { id: 1 },
      data: { businessStartHour: 0, businessEndHour: 24, businessDays: "every_day" },
    });
    const report = await responseTimes(range("2026-11-23", "2026-11-30"));
    // Friday 17:30 to Monday 9:30 is now 64 hours.
    expect(report.firstResponse.byAgent.find((a) => a.name === "Marc")).toMatchObject({ medianMs: 64 * HOUR });
    const empty = await responseTimes(range("2026-10-01", "2026-10-07"));
    expect(empty.firstResponse).toEqual({ asked: 0, overall: { count: 0, medianMs: null, p90Ms: null }, byAgent: [] });
  });
});
