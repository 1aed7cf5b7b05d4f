import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { getFlowSettings, DEFAULT_FLOW_SETTINGS } from "@/lib/settings/get-flow-settings";
import { flowSettingsSchema, type FlowSettingsInput } from "@/lib/settings/flow-settings-input";
import { updateFlowSettings } from "@/lib/settings/update-flow-settings";
import { createUser } from "@/lib/users/create-user";
import { makeShopSettings } from "../support/factories";

beforeEach(truncateAllTables);

const defaults: FlowSettingsInput = flowSettingsSchema.parse(DEFAULT_FLOW_SETTINGS);

describe("flow timing settings", () => {
  it("start at the documented defaults and save with an audit entry", async () => {
    const admin = await createUser({ email: "a@shop.test", role: "admin", password: "admin-password" });
    await makeShopSettings();
    expect(await getFlowSettings()).toEqual({ ...DEFAULT_FLOW_SETTINGS, timeZone: "Europe/Paris" });
    await updateFlowSettings({ ...defaults, smsReviewDelayDays: 7 }, admin.id);
    expect((await getFlowSettings()).smsReviewDelayDays).toBe(7);
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "settings.flows_updated" } })).toMatchObject({
      data: { smsReviewDelayDays: [5, 7] },
    });
  });

  it("need the shop saved first", async () => {
    const admin = await createUser({ email: "a@shop.test", role: "admin", password: "admin-password" });
    await expect(updateFlowSettings(defaults, admin.id)).rejects.toMatchObject({ code: "conflict" });
  });

  it("reject steps out of order and a too-short SMS window", () => {
    const result = flowSettingsSchema.safeParse({ ...defaults, abandonAfterMinutes: "soon" });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path[0]).sort()).toEqual(["abandonAfterMinutes"]);
    const ordered = flowSettingsSchema.safeParse({
      ...defaults,
      postDeliveryCheckInDays: 3,
      postDeliveryReviewDays: 3,
      postDeliveryReminderDays: 2,
      smsWindowStartHour: 19,
      smsWindowEndHour: 20,
    });
    expect(ordered.error!.issues.map((i) => i.path[0]).sort()).toEqual([
      "postDeliveryReminderDays",
      "postDeliveryReviewDays",
      "smsWindowEndHour",
    ]);
  });
});
