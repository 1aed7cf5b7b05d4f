"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/authorized-action";
import { getUiLocale } from "@/lib/auth/viewer-locale";
import {
  proposeVersion,
  proposeVersionSchema,
  reviewVersion,
  reviewVersionSchema,
  submitDraft,
} from "@/lib/templates/template-versions";

function refresh() {
  revalidatePath("/templates", "layout");
}

export const proposeVersionAction = authorizedAction("templates.propose", proposeVersionSchema, async (input, user) => {
  const version = await proposeVersion(input, user, await getUiLocale());
  refresh();
  return { number: version.number, status: version.status };
});

export const submitDraftAction = authorizedAction(
  "templates.propose",
  z.object({ versionId: z.string().min(1) }),
  async (input, user) => {
    await submitDraft(input.versionId, user);
    refresh();
  },
);

export const reviewVersionAction = authorizedAction("templates.approve", reviewVersionSchema, async (input, user) => {
  const result = await reviewVersion(input, user, new Date(), await getUiLocale());
  refresh();
  return result;
});
