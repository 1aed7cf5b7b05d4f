import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { cancelPendingMessages } from "@/lib/delivery/cancel-pending-messages";
import type { Channel, Flow } from "@/lib/generated/prisma/enums";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { makeCustomer } from "../support/factories";

let key = 0;
beforeEach(async () => {
  key = 0;
  await truncateAllTables();
});
async function waiting(
  customerId: string,
  flow: Flow,
  step: string,
  channel: Channel,
  status: "scheduled" | "paused" | "sent" = "scheduled",
) {
  return db.scheduledMessage.create({
    data: {
      flow,
      step,
      channel,
      customerId,
      status,
      dueAt: new Date("2026-12-01T10:00:00Z"),
      idempotencyKey: `k${++key}`,
    },
  });
}
const statuses = async () =>
  Object.fromEntries(
    (await db.scheduledMessage.findMany({ orderBy: { idempotencyKey: "asc" } })).map((m) => [
      m.idempotencyKey,
      `${m.status}${m.statusReason ? `: ${m.statusReason}` : ""}`,
    ]),
  );

describe("cancelPendingMessages", () => {
  it("cancels only what waits and matches, with the reason agents read", async () => {
    const ana = await makeCustomer({ email: "ana@example.test", phone: "+33611112222" });
    const bob = await makeCustomer({ email: "bob@example.test" });
    await waiting(ana.id, "post_delivery", "day14", "email"); // k1
    await waiting(ana.id, "post_delivery", "day5", "email", "paused"); // k2
    await waiting(ana.id, "post_delivery", "sms_review", "sms"); // k3
    await waiting(ana.id, "abandoned_checkout", "help", "email", "sent"); // k4
    await waiting(bob.id, "post_delivery", "day14", "email"); // k5

    expect(
      await cancelPendingMessages(
        { customerId: ana.id, steps: [{ flow: "post_delivery", step: "day14" }], flows: ["abandoned_checkout"] },
        { kind: "customer_replied" },
        db,
      ),
    ).toBe(1);
    expect(await cancelPendingMessages({ smsNumber: "+33611112222" }, { kind: "sms_opted_out" }, db)).toBe(1);
    expect(
      await cancelPendingMessages(
        { customerId: ana.id, channel: "email" },
        { kind: "email_suppressed", source: "postmark_bounce" },
        db,
      ),
    ).toBe(1);
    expect(await statuses()).toEqual({
      k1: "cancelled: cancelled: the customer replied",
      k2: "cancelled: cancelled: postmark_bounce",
      k3: "cancelled: cancelled: opted out of SMS (STOP)",
      k4: "sent",
      k5: "scheduled",
    });
  });

  it("never cancels everything: no subject, or an empty list of flows, matches nothing", async () => {
    const ana = await makeCustomer({ email: "ana@example.test" });
    await waiting(ana.id, "post_delivery", "day14", "email");
    expect(await cancelPendingMessages({}, { kind: "data_erased" }, db)).toBe(0);
    expect(await cancelPendingMessages({ flows: ["post_delivery"] }, { kind: "data_erased" }, db)).toBe(0);
    expect(await cancelPendingMessages({ customerId: ana.id, flows: [] }, { kind: "data_erased" }, db)).toBe(0);
    expect(await cancelPendingMessages({ anyOf: [{}] }, { kind: "order_placed" }, db)).toBe(0);
    expect(await statuses()).toEqual({ k1: "scheduled" });
  });
});
