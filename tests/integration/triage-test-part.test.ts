import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postmarkInbound } from "@/app/api/webhooks/postmark/inbound/route";
import { POST as twilioSms } from "@/app/api/webhooks/twilio/sms/route";
import { parseCorpus, type CorpusLine } from "@/lib/classification/reply-corpus";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { settleBackgroundWork } from "@/lib/http/run-after-response";
import { makeShopSettings } from "../support/factories";
import { withProviderEnv } from "../support/test-env";
import { TWILIO_TEST, twilioRequest } from "../support/twilio";

// #12: every problem and question reply of the classifier's test part (written by its own writer,
// never read while training or tuning) reaches the Needs human view when it arrives through the
// app's own webhooks, by email from a verified sender or by SMS. Nothing in it gets an automatic
// reply it should not.

withProviderEnv(() => ({
  APP_URL: TWILIO_TEST.appUrl,
  TWILIO_ACCOUNT_SID: TWILIO_TEST.sid,
  TWILIO_AUTH_TOKEN: TWILIO_TEST.token,
  TWILIO_FROM_NUMBER: TWILIO_TEST.from,
  POSTMARK_WEBHOOK_USER: "postmark",
  POSTMARK_WEBHOOK_PASSWORD: "webhook-password",
  OPENAI_API_KEY: "",
}));

const lines = parseCorpus(
  readFileSync(path.join(import.meta.dirname, "../fixtures/classifier/corpus/test.jsonl"), "utf8"),
  "test.jsonl",
);
const delivered = new Map<number, string>();

async function deliver(line: CorpusLine, index: number): Promise<string> {
  if (line.channel === "email") {
    const email = `customer-${index}@example-${index}.fr`;
    const body = {
      MessageID: `test-part-${index}`,
      FromFull: { Email: email, Name: `Client ${index}` },
      To: "reply@inbound.postmarkapp.com",
      Subject: "Re: votre commande",
      TextBody: line.text,
      StrippedTextReply: line.text,
      Headers: [
        {
          Name: "Received-SPF",
          Value: `Pass (sender SPF authorized) identity=mailfrom; envelope-from=${email}; receiver=reply@inbound.postmarkapp.com`,
        },
      ],
      Attachments: [],
    };
    const response = await postmarkInbound(
      new Request("http://localhost/api/webhooks/postmark/inbound", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Basic ${Buffer.from("postmark:webhook-password").toString("base64")}`,
        },
        body: JSON.stringify(body),
      }),
    );
    expect(response.status, line.text).toBe(200);
    return (await response.json()).conversationId;
  }
  const from = `+3361${String(index).padStart(7, "0")}`;
  const response = await twilioSms(
    twilioRequest("/api/webhooks/twilio/sms", {
      MessageSid: `SM${String(index).padStart(32, "0")}`,
      AccountSid: TWILIO_TEST.sid,
      From: from,
      To: TWILIO_TEST.from,
      Body: line.text,
    }),
  );
  expect(response.status, line.text).toBe(200);
  const customer = await db.customer.findUniqueOrThrow({
    where: { phone: from },
    select: { conversations: { select: { id: true } } },
  });
  return customer.conversations[0]!.id;
}

beforeAll(async () => {
  await settleBackgroundWork();
  await truncateAllTables();
  await makeShopSettings();
  for (const [index, line] of lines.entries()) delivered.set(index, await deliver(line, index));
  await settleBackgroundWork();
}, 240_000);

describe("the test part through the webhooks", () => {
  it("holds at least 400 replies in both languages and on both channels", () => {
    expect(lines.length).toBeGreaterThanOrEqual(400);
    expect(new Set(lines.map((l) => `${l.lang}/${l.channel}`))).toEqual(
      new Set(["fr/sms", "fr/email", "en/sms", "en/email"]),
    );
  });

  it("labels every reply, and sends every problem and question reply to a person", async () => {
    const conversations = new Map(
      (await db.conversation.findMany({ select: { id: true, needsHuman: true } })).map((c) => [c.id, c.needsHuman]),
    );
    expect(await db.message.count({ where: { direction: "inbound", sentiment: null } })).toBe(0);
    const missed = lines
      .filter(
        (line, index) =>
          (line.intent === "problem" || line.intent === "question") && !conversations.get(delivered.get(index)!),
      )
      .map((line) => line.text);
    expect(missed).toEqual([]);
  });

  it("schedules no automatic reply for a problem or a question", async () => {
    const automatic = new Set(
      (await db.scheduledMessage.findMany({ where: { flow: "auto_reply" }, select: { conversationId: true } })).map(
        (s) => s.conversationId,
      ),
    );
    const answered = lines.filter(
      (line, index) =>
        (line.intent === "problem" || line.intent === "question") && automatic.has(delivered.get(index)!),
    );
    expect(answered).toEqual([]);
  });
});
