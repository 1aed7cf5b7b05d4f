import "server-only";
import { z } from "zod";
import { completeChat, openAIClient, type AiCallOptions } from "@/lib/ai/openai-client";
import { AppError } from "@/lib/errors";
import { getShopSettingsRow } from "@/lib/settings/get-shop-settings";
import { CANNED_REPLY_PREFIX, TEMPLATE_KEYS } from "@/lib/templates/default-templates";
import { TEMPLATE_VARIABLES } from "@/lib/templates/render-template";
import { variablesForTemplate } from "@/lib/templates/step-variables";
import { variableProblems } from "@/lib/templates/variable-problems";

const FLOW_KEYS: readonly string[] = Object.values(TEMPLATE_KEYS);

export const draftInVoiceSchema = z.object({
  templateKey: z
    .string()
    .trim()
    .max(120)
    .refine(
      (key) =>
        FLOW_KEYS.includes(key) || (key.startsWith(CANNED_REPLY_PREFIX) && key.length > CANNED_REPLY_PREFIX.length),
      "invalid",
    ),
  channel: z.enum(["email", "sms"]),
  locale: z.enum(["en", "fr"]),
  currentText: z.string().max(10_000, "The current text is too long to rewrite (10,000 characters at most)").optional(),
  subject: z.string().max(300).nullable().optional(),
});

export type DraftInVoiceInput = z.infer<typeof draftInVoiceSchema>;
export type VoiceDraft = { subject: string | null; body: string };

/** What each message is for, in the words the model gets. */
const PURPOSES: Record<string, string> = {
  [TEMPLATE_KEYS.abandonedHelp]:
    "The help email after a customer started a checkout and did not finish. Help first, with troubleshooting: a payment that timed out at the bank's 3-D Secure step (try again with the bank app open first); a declined card (check that the billing ZIP or postcode matches the bank's exactly); still stuck (reply to this email and I help personally). Then, once, the basket link {{checkoutLink}}.",
  [TEMPLATE_KEYS.checkIn]:
    "A personal check-in the day after delivery of {{productName}}: did it arrive safely, one or two tips to get the most out of it or fix a common snag, and reply if anything is wrong. Do NOT ask for a review or a rating.",
  [TEMPLATE_KEYS.reviewRequest]:
    "A soft review request a few days after delivery: if they are happy with {{productName}}, a few words would help a small shop like mine ({{reviewLink}}); if something is not right, reply instead and I will fix it. Gentle, no pressure.",
  [TEMPLATE_KEYS.lastReminder]:
    "The last friendly reminder about a review, two weeks after delivery: short, says plainly this is the last time I ask, gives {{reviewLink}} once, and invites a reply if anything is wrong.",
  [TEMPLATE_KEYS.smsReviewRequest]:
    'One SMS asking for a review: under 160 GSM-7 characters once the variables are filled (count {{reviewLink}} as about 30 characters; plain characters only, no emoji or curly quotes), with {{reviewLink}}, and ending with the opt-out line (English: "Reply STOP to opt out"; French: "STOP pour ne plus recevoir de SMS").',
  [TEMPLATE_KEYS.autoReviewLink]:
    "The automatic answer to a customer who just wrote something kind: thank them personally and warmly, and offer {{reviewLink}} if they would like to share it. No pressure; if anything ever goes wrong, they can reply.",
  [TEMPLATE_KEYS.reviewLinkRequest]:
    "Sent by someone on the team from the inbox when a customer is happy or offers to leave a review: thank them and give {{reviewLink}}, and say they can reply if anything is not right.",
};

function purposeOf(templateKey: string): string {
  if (templateKey.startsWith(CANNED_REPLY_PREFIX)) {
    const topic = templateKey.slice(CANNED_REPLY_PREFIX.length).replaceAll("_", " ");
    return `A reusable reply the team inserts in the inbox to answer a common situation ("${topic}"): helps first with concrete steps, stays general enough to reuse, and invites a reply.`;
  }
  return PURPOSES[templateKey] ?? "A message to a customer of the shop.";
}

const LANGUAGES = { en: "English (en)", fr: 'French (fr), with the formal "vous"' } as const;

const NO_SAMPLES_MESSAGE =
  "AI drafts copy the founder's voice from a few samples of their own writing, and there are none yet. Add some in Settings → Voice (the founder or an admin can).";

function instructions(shop: { shopName: string; founderName: string }, templateKey: string) {
  return `You write messages for a small online shop, ${shop.shopName}, as its founder ${shop.founderName}, in the founder's own voice.
Rules:
- First person singular: "I" (French: "je"). The founder writes personally; no corporate "we", no marketing tone.
- Help first. No pressure and no urgency: no countdowns, no "last chance", no "only a few left", no discounts.
- One call to action at most.
- Invite a reply: the customer can answer this message and the founder reads it.
- Variables: use only ${variablesForTemplate(templateKey)
    .map((name) => `{{${name}}}`)
    .join(
      " ",
    )} (what this message's step fills), written exactly like that. No other variables or placeholders such as [Name].
- Copy the voice of the samples (tone, greetings, sentence length, words); never copy their facts.
- Do not sign the message: the signature is added when it is sent.
Answer with JSON: "subject" (the email's subject line; null for an SMS) and "body" (plain text, no HTML, no Markdown).`;
}

/** The user message: the samples, what the message is for, the language and, when rewriting, the current text. */
export function draftPrompt(input: DraftInVoiceInput, samples: string[]): string {
  const rewriting = Boolean(input.currentText?.trim());
  const parts = [
    `Purpose of this message (template ${input.templateKey}): ${purposeOf(input.templateKey)}`,
    `Channel: ${input.channel === "sms" ? "SMS (no subject)" : "email (a subject line and a few short paragraphs)"}.`,
    `Language: write in ${LANGUAGES[input.locale]}.`,
    `Samples of my own writing, for the voice:\n${samples.map((sample, i) => `Sample ${i + 1}:\n"""\n${sample}\n"""`).join("\n")}`,
  ];
  if (rewriting) {
    parts.push(
      `Rewrite this current text in my voice, keeping what it says and the variables it uses correctly:\n${input.channel === "email" && input.subject?.trim() ? `Subject: ${input.subject.trim()}\n` : ""}"""\n${input.currentText!.trim()}\n"""`,
    );
  } else {
    parts.push("Write this message from scratch.");
  }
  return parts.join("\n\n");
}

const answerSchema = z.object({ subject: z.string().trim().nullable(), body: z.string().trim().min(1) });

/**
 * Writes or rewrites a template in the founder's voice, from their samples (Settings → Voice)
 * and the step's purpose. Returns a draft for the editor; nothing is saved.
 */
export async function draftTemplateInVoice(input: DraftInVoiceInput, options: AiCallOptions = {}): Promise<VoiceDraft> {
  openAIClient(options); // no key: say how to enable it before anything else
  const settings = await getShopSettingsRow();
  const samples = settings?.voiceSamples ?? [];
  if (!settings || samples.length === 0) throw new AppError("bad_request", NO_SAMPLES_MESSAGE);

  const content = await completeChat(
    {
      temperature: 0.7,
      messages: [
        { role: "system", content: instructions(settings, input.templateKey) },
        { role: "user", content: draftPrompt(input, samples) },
      ],
      response_format: {
        type: "json_schema",
        json_schema: {
          name: "template_draft",
          strict: true,
          schema: {
            type: "object",
            additionalProperties: false,
            required: ["subject", "body"],
            properties: { subject: { type: ["string", "null"] }, body: { type: "string" } },
          },
        },
      },
    },
    options,
  );

  let answer: z.infer<typeof answerSchema>;
  try {
    answer = answerSchema.parse(JSON.parse(content));
  } catch {
    throw new AppError(
      "bad_request",
      "OpenAI's answer was not a usable draft (expected a subject and a body); try again.",
    );
  }
  const subject = input.channel === "sms" ? null : answer.subject || null;
  if (input.channel === "email" && !subject)
    throw new AppError("bad_request", "OpenAI's draft has no subject line; try again.");

  const problems = [...variableProblems(subject ?? ""), ...variableProblems(answer.body)];
  if (problems.length) {
    const found = [...new Set(problems.map((p) => p.message))].join("; ");
    throw new AppError(
      "bad_request",
      `OpenAI's draft cannot be used: ${found}. Templates can only use ${TEMPLATE_VARIABLES.map((name) => `{{${name}}}`).join(", ")}. Nothing was changed; try again.`,
    );
  }
  return { subject, body: answer.body };
}
