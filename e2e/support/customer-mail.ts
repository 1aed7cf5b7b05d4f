import { expect, type APIRequestContext } from "@playwright/test";
import { E2E } from "./e2e-env";

const postmarkAuth = `Basic ${Buffer.from(`${E2E.secrets.POSTMARK_WEBHOOK_USER}:${E2E.secrets.POSTMARK_WEBHOOK_PASSWORD}`).toString("base64")}`;

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
  const response = await request.post(`${E2E.postgres.baseURL}/api/webhooks/postmark/inbound`, {
    headers: { authorization: postmarkAuth },
    data: {
      MessageID: mail.messageId,
      FromFull: { Email: mail.email, Name: mail.name },
      To: "reply@inbound.e2e.test",
      Subject: mail.subject,
      TextBody: mail.text,
      Headers: [],
      Attachments: mail.attachments ?? [],
    },
  });
  expect(response.status()).toBe(200);
  return (await response.json()).conversationId as string;
}
