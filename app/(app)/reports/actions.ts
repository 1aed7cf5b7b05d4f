"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth/authorized-action";
import { reviewSuggestedCategory, reviewSuggestionSchema } from "@/lib/friction/friction-categories";
import { recordFixSchema, recordFrictionFix } from "@/lib/friction/record-fix";

export const recordFixAction = authorizedAction("friction.record_fix", recordFixSchema, async (input, user) => {
  await recordFrictionFix(input, user.id);
  revalidatePath("/reports");
});

export const reviewSuggestionAction = authorizedAction(
  "friction.manage_categories",
  reviewSuggestionSchema,
  async (input, user) => {
    await reviewSuggestedCategory(input, user.id);
    revalidatePath("/reports");
  },
);
