"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/authorized-action";
import { replayWebhookFailure } from "@/lib/connections/replay-webhook-failure";
import { AppError } from "@/lib/errors";
import { getTranslator } from "@/lib/auth/viewer-locale";
import { connectionsMessages } from "@/lib/i18n/messages/connections";
import { sendMetaTestMessage, setMetaHumanAgent } from "@/lib/meta/meta-channel-settings";
import { humanAgentSchema, metaTestSchema } from "@/lib/meta/meta-channel-settings-input";

export const replayWebhookAction = authorizedAction(
  "connections.manage",
  z.object({ failureId: z.string().min(1).max(64) }),
  async (input, user) => {
    const result = await replayWebhookFailure(input.failureId, user.id);
    revalidatePath("/connections");
    // Recorded either way; a failed replay reads as an error and may be tried again.
    if (result.outcome === "failed") throw AppError.because("conflict", "webhookReplayFailed", { error: result.error });
    return result;
  },
);

/** Whether the shop's Meta app has Human Agent: answers on Messenger and Instagram up to 7 days. */
export const saveMetaHumanAgentAction = authorizedAction(
  "connections.manage",
  humanAgentSchema,
  async (input, user) => {
    await setMetaHumanAgent(input.allowed, user.id);
    revalidatePath("/connections");
  },
);

/** One test message through Meta's Send API, to an id the admin gives (their own). */
export const sendMetaTestAction = authorizedAction("connections.manage", metaTestSchema, async (input) => {
  const { t } = await getTranslator(connectionsMessages);
  return sendMetaTestMessage(input.recipientId, t("meta.testText"));
});
