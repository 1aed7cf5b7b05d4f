"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/authorized-action";
import { replayWebhookFailure } from "@/lib/connections/replay-webhook-failure";
import { AppError } from "@/lib/errors";

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
