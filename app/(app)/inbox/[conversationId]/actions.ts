"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/authorized-action";
import { addInternalNote, assignConversation, changeConversationStatus, statusChangeSchema } from "@/lib/inbox/update-conversation";

export const changeStatusAction = authorizedAction("inbox.work", statusChangeSchema, async (input, user) => {
  await changeConversationStatus(input, user.id);
  revalidatePath(`/inbox/${input.conversationId}`);
});

export const assignToMeAction = authorizedAction("inbox.work", z.object({ conversationId: z.string().min(1), unassign: z.boolean().default(false) }), async (input, user) => {
  await assignConversation(input.conversationId, input.unassign ? null : user.id, user.id);
  revalidatePath(`/inbox/${input.conversationId}`);
});

export const addNoteAction = authorizedAction("inbox.work", z.object({ conversationId: z.string().min(1), text: z.string().trim().min(1, "Write the note first").max(10_000, "10,000 characters at most") }), async (input, user) => {
  const id = await addInternalNote(input.conversationId, input.text, user.id);
  revalidatePath(`/inbox/${input.conversationId}`);
  return id;
});
