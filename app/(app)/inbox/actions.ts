"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth/authorized-action";
import { getUiLocale } from "@/lib/auth/viewer-locale";
import { translateError } from "@/lib/errors";
import { bulkActionSchema, bulkUpdateConversations } from "@/lib/inbox/bulk-update-conversations";

/** The list's bulk action; the conversations that could not change come back with why, in the user's language. */
export const bulkUpdateAction = authorizedAction("inbox.work", bulkActionSchema, async (input, user) => {
  const outcome = await bulkUpdateConversations(input, user.id);
  const locale = await getUiLocale();
  for (const id of outcome.changed) revalidatePath(`/inbox/${id}`);
  return {
    changed: outcome.changed,
    unchanged: outcome.unchanged,
    failed: outcome.failed.map((failure) => ({
      id: failure.id,
      customerName: failure.customerName,
      reason: translateError(failure.reason, locale),
    })),
  };
});
