"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth/authorized-action";
import { updateVoiceSamples, voiceSamplesSchema } from "@/lib/settings/update-voice-samples";

export const saveVoiceSamplesAction = authorizedAction("settings.update", voiceSamplesSchema, async (input, user) => {
  const saved = await updateVoiceSamples(input, user.id);
  revalidatePath("/settings");
  return saved;
});
