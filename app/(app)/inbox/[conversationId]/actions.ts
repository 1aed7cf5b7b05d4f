"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/authorized-action";
import { correctLabels, labelCorrectionSchema } from "@/lib/classification/label-corrections";
import { unsubscribeEmailByAgent } from "@/lib/consent/email-consent";
import { frictionMarkSchema, markFriction, removeFrictionMark } from "@/lib/friction/mark-friction";
import { addTag, removeTag, tagNameSchema } from "@/lib/inbox/conversation-tags";
import { reviewLinkSchema, sendReviewLink } from "@/lib/inbox/send-review-link";
import { sendStaffReply, staffReplySchema, undoStaffReply } from "@/lib/inbox/send-staff-reply";
import { getUiLocale } from "@/lib/auth/viewer-locale";
import { viewerTimeZone } from "@/lib/auth/viewer-time-zone";
import { forwardConversation, forwardSchema } from "@/lib/inbox/forward-conversation";
import { linkChannelIdentity, linkIdentitySchema } from "@/lib/inbox/link-channel-identity";
import { mergeConversations, mergeSchema } from "@/lib/inbox/merge-conversations";
import { pauseScheduledMessage, resumeScheduledMessage } from "@/lib/inbox/sequence-control";
import { eraseCustomerForAdmin, exportCustomerForAdmin } from "@/lib/privacy/privacy-requests";
import {
  addInternalNote,
  assignConversation,
  changeConversationStatus,
  statusChangeSchema,
} from "@/lib/inbox/update-conversation";

const id = z.string().min(1);
const refresh = (conversationId: string) => revalidatePath(`/inbox/${conversationId}`);

export const changeStatusAction = authorizedAction("inbox.work", statusChangeSchema, async (input, user) => {
  await changeConversationStatus(input, user.id);
  refresh(input.conversationId);
});

export const assignAction = authorizedAction(
  "inbox.work",
  z.object({ conversationId: id, assigneeId: id.nullable() }),
  async (input, user) => {
    await assignConversation(input.conversationId, input.assigneeId, user.id);
    refresh(input.conversationId);
  },
);

export const addNoteAction = authorizedAction(
  "inbox.work",
  z.object({
    conversationId: id,
    text: z.string().trim().min(1, "Write the note first").max(10_000, "10,000 characters at most"),
  }),
  async (input, user) => {
    const noteId = await addInternalNote(input.conversationId, input.text, user.id);
    refresh(input.conversationId);
    return noteId;
  },
);

export const sendReplyAction = authorizedAction("inbox.work", staffReplySchema, async (input, user) => {
  // Held for the shop's Undo delay first, then sent by the server whether or not the page stays open.
  const result = await sendStaffReply(input, user, new Date(), { hold: true });
  if (result.outcome !== "stale") refresh(input.conversationId);
  return result;
});

/** Merges another conversation of the customer into this one (the target). */
export const mergeConversationAction = authorizedAction("inbox.work", mergeSchema, async (input, user) => {
  await mergeConversations(input, user.id);
  refresh(input.targetId);
  refresh(input.sourceId);
});

/** Says who a Messenger or Instagram person is; their conversation joins the customer's. */
export const linkIdentityAction = authorizedAction("inbox.work", linkIdentitySchema, async (input, user) => {
  const result = await linkChannelIdentity(input, user.id);
  refresh(input.conversationId);
  refresh(result.conversationId);
  return result;
});

/** Emails the conversation to an outside address, recorded in the thread as a forward. */
export const forwardAction = authorizedAction("inbox.work", forwardSchema, async (input, user) => {
  const result = await forwardConversation(input, user, await getUiLocale(), await viewerTimeZone());
  refresh(input.conversationId);
  return result;
});

/** Undo: a held reply taken back before it goes. */
export const undoReplyAction = authorizedAction(
  "inbox.work",
  z.object({ conversationId: id, messageId: id }),
  async (input, user) => {
    const files = await undoStaffReply(input.messageId, user.id);
    refresh(input.conversationId);
    return files;
  },
);

export const sendReviewLinkAction = authorizedAction("inbox.work", reviewLinkSchema, async (input, user) => {
  const result = await sendReviewLink(input, user.id);
  refresh(input.conversationId);
  return result;
});

export const addTagAction = authorizedAction(
  "inbox.work",
  z.object({ conversationId: id, name: tagNameSchema }),
  async (input, user) => {
    await addTag(input.conversationId, input.name, user.id);
    refresh(input.conversationId);
    return input.name;
  },
);

export const removeTagAction = authorizedAction(
  "inbox.work",
  z.object({ conversationId: id, name: z.string().min(1) }),
  async (input, user) => {
    await removeTag(input.conversationId, input.name, user.id);
    refresh(input.conversationId);
  },
);

export const markFrictionAction = authorizedAction("inbox.work", frictionMarkSchema, async (input, user) => {
  const mark = await markFriction(input, user);
  refresh(input.conversationId);
  return mark;
});

export const removeFrictionMarkAction = authorizedAction(
  "inbox.work",
  z.object({ conversationId: id, markId: id }),
  async (input, user) => {
    await removeFrictionMark(input.conversationId, input.markId, user.id);
    refresh(input.conversationId);
  },
);

export const pauseScheduledAction = authorizedAction(
  "inbox.work",
  z.object({ conversationId: id, scheduledMessageId: id }),
  async (input, user) => {
    await pauseScheduledMessage(input.scheduledMessageId, user);
    refresh(input.conversationId);
  },
);

export const resumeScheduledAction = authorizedAction(
  "inbox.work",
  z.object({ conversationId: id, scheduledMessageId: id }),
  async (input, user) => {
    await resumeScheduledMessage(input.scheduledMessageId, user);
    refresh(input.conversationId);
  },
);

export const unsubscribeEmailAction = authorizedAction(
  "inbox.work",
  z.object({ conversationId: id }),
  async (input, user) => {
    await unsubscribeEmailByAgent(input.conversationId, user.id);
    refresh(input.conversationId);
  },
);

/** An admin's export of the customer's data (downloaded from /api/privacy-requests/<id>/export). */
export const exportCustomerAction = authorizedAction(
  "customers.privacy",
  z.object({ customerId: id }),
  async (input, user) => exportCustomerForAdmin(input.customerId, user.id),
);

/** An admin's erasure of the customer, confirmed in the UI. */
export const eraseCustomerAction = authorizedAction(
  "customers.privacy",
  z.object({ customerId: id, conversationId: id }),
  async (input, user) => {
    await eraseCustomerForAdmin(input.customerId, user.id);
    refresh(input.conversationId);
  },
);

/** An agent's correction of a reply's labels (kept with the message, counted in Reports). */
export const correctLabelsAction = authorizedAction("inbox.work", labelCorrectionSchema, async (input, user) => {
  const { conversationId } = await correctLabels(input, user.id);
  refresh(conversationId);
});
