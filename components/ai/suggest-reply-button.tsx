"use client";

import type { Channel } from "@/lib/channels/channels";
import { suggestReplyAction } from "@/app/(app)/ai-actions";
import { AiActionButton } from "@/components/ai/draft-in-voice-button";
import { useTranslator } from "@/components/i18n/locale-provider";
import { aiDraftMessages } from "@/lib/i18n/messages/voice";

type Props = {
  aiConfigured: boolean;
  conversationId: string;
  /** The composer's channel; by default the channel of the customer's latest message. */
  channel?: Channel | null;
  /** Put the text in the composer: it is only sent when a person presses send. */
  onDraft: (draft: { text: string }) => void;
};

/** "Suggest a reply": a draft answer to the conversation in the founder's voice, for the agent to edit. */
export function SuggestReplyButton({ aiConfigured, conversationId, channel, onDraft }: Props) {
  const { t } = useTranslator(aiDraftMessages);
  return (
    <AiActionButton
      aiConfigured={aiConfigured}
      label={t("suggestReply")}
      doneText={t("suggested")}
      request={() => suggestReplyAction({ conversationId, channel: channel ?? undefined })}
      onResult={onDraft}
    />
  );
}
