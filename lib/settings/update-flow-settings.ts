import "server-only";
import { getFlowSettings } from "@/lib/settings/get-flow-settings";
import type { FlowSettingsInput } from "@/lib/settings/flow-settings-input";
import { updateSettingsSection } from "@/lib/settings/update-settings-section";

/** New delays apply to what is scheduled from now on; messages already scheduled keep their time. */
export async function updateFlowSettings(input: FlowSettingsInput, actorUserId: string): Promise<FlowSettingsInput> {
  return updateSettingsSection({ action: "settings.flows_updated", read: getFlowSettings }, input, actorUserId);
}
