"use server";

import { CHANNELS } from "@/lib/channels/channels";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/authorized-action";
import { draftInVoiceSchema, draftTemplateInVoice } from "@/lib/ai/draft-in-voice";
import { suggestReply } from "@/lib/ai/suggest-reply";

// AI drafts: both return text for a person to edit. Nothing is saved or sent here.

export const draftInVoiceAction = authorizedAction("templates.propose", draftInVoiceSchema, (input) =>
  draftTemplateInVoice(input),
);

export const suggestReplyAction = authorizedAction(
  "inbox.work",
  z.object({ conversationId: z.string().min(1), channel: z.enum(CHANNELS).optional() }),
  (input) => suggestReply(input.conversationId, { channel: input.channel }),
);
