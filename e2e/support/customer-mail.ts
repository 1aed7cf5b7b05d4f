import { expect, type APIRequestContext } from "@playwright/test";
import { postPostmarkInbound } from "./webhooks";

/** A customer's mail through the real Postmark inbound webhook, as Postmark posts it; its conversation's id. */
export async function mailFromCustomer(
  request: APIRequestContext,
  mail: {
    messageId: string;
    email: string;
    name: string;
    subject: string;
    text: string;
    attachments?: { Name: string; Content: string; ContentType: string; ContentLength: number }[];
  },
): Promise<string> {
  const response = await postPostmarkInbound(request, {
    MessageID: mail.messageId,
    FromFull: { Email: mail.email, Name: mail.name },
    To: "reply@inbound.e2e.test",
    Subject: mail.subject,
    TextBody: mail.text,
    Headers: [],
    Attachments: mail.attachments ?? [],
  });
  expect(response.status()).toBe(200);
  return (await response.json()).conversationId as string;
}
