"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/authorized-action";
import {
  createSavedReply,
  deleteSavedReply,
  savedReplySchema,
  updateSavedReply,
} from "@/lib/saved-replies/saved-replies";

const refresh = () => revalidatePath("/saved-replies");

export const createSavedReplyAction = authorizedAction("inbox.work", savedReplySchema, async (input, user) => {
  const id = await createSavedReply(input, user.id);
  refresh();
  return { id, name: input.name };
});

export const updateSavedReplyAction = authorizedAction(
  "inbox.work",
  savedReplySchema.extend({ id: z.string().min(1) }),
  async ({ id, ...input }, user) => {
    await updateSavedReply(id, input, user.id);
    refresh();
    return { id, name: input.name };
  },
);

export const deleteSavedReplyAction = authorizedAction(
  "inbox.work",
  z.object({ id: z.string().min(1) }),
  async ({ id }, user) => {
    await deleteSavedReply(id, user.id);
    refresh();
  },
);
