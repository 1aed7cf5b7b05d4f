import { beforeEach, describe, expect, it } from "vitest";
import { POST as postmarkInbound } from "@/app/api/webhooks/postmark/inbound/route";
import { POST as shopifyWebhook } from "@/app/api/webhooks/shopify/route";
import { POST as twilioSms } from "@/app/api/webhooks/twilio/sms/route";
import { replayWebhookFailure } from "@/lib/connections/replay-webhook-failure";
import {
  recentWebhookFailures,
  silentProviders,
  webhookHealth,
  type TopicHealth,
} from "@/lib/connections/webhook-health";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { AppError } from "@/lib/errors";
import { settleBackgroundWork } from "@/lib/http/run-after-response";
import { createUser } from "@/lib/users/create-user";
import {
  failedDeliveriesMentioning,
  pruneWebhookRecords,
  STORED_WITHOUT_BODY_PER_HOUR,
} from "@/lib/webhooks/webhook-outcomes";
import { failureReason } from "@/lib/webhooks/receive-webhook";
import { refuseMessagesContaining } from "../support/failing-database";
import { fixture, shopifyRequest } from "../support/shopify";
import { withProviderEnv } from "../support/test-env";
import { TWILIO_TEST, twilioRequest } from "../support/twilio";

// #16 item 4: what the providers delivered, what was refused or failed and why, the replay of a
// delivery that failed while applied, and the banner when callbacks stop.

withProviderEnv(() => ({
  APP_URL: TWILIO_TEST.appUrl,
  TWILIO_ACCOUNT_SID: TWILIO_TEST.sid,
  TWILIO_AUTH_TOKEN: TWILIO_TEST.token,
  TWILIO_FROM_NUMBER: TWILIO_TEST.from,
  POSTMARK_SERVER_TOKEN: "postmark-server-token",
  POSTMARK_WEBHOOK_USER: "postmark",
  POSTMARK_WEBHOOK_PASSWORD: "webhook-password",
}));

let adminId: string;
beforeEach(async () => {
  await truncateAllTables();
  adminId = (await createUser({ email: "admin@shop.test", role: "admin", password: "admin-password" })).id;
});

const refuse = (marker: string) => refuseMessagesContaining((sql) => db.$executeRawUnsafe(sql), marker);

const basic = (password = "webhook-password") => `Basic ${Buffer.from(`postmark:${password}`).toString("base64")}`;
const reply = fixture("postmark/inbound-reply.json") as Record<string, unknown>;
function mail(text: string, options: { password?: string; contentType?: string; messageId?: string } = {}) {
  const body = {
    ...reply,
    MessageID: options.messageId ?? crypto.randomUUID(),
    MailboxHash: "",
    StrippedTextReply: "",
    TextBody: text,
    Headers: [],
  };
  return postmarkInbound(
    new Request("http://localhost/api/webhooks/postmark/inbound", {
      method: "POST",
      headers: { "content-type": options.contentType ?? "application/json", authorization: basic(options.password) },
      body: JSON.stringify(body),
    }),
  );
}
const sms = (
  text: string,
  sid = `SM${crypto.randomUUID().replaceAll("-", "")}`,
  options: { signature?: string | null } = {},
) =>
  twilioSms(
    twilioRequest(
      "/api/webhooks/twilio/sms",
      { MessageSid: sid, AccountSid: TWILIO_TEST.sid, From: "+33612345678", To: TWILIO_TEST.from, Body: text },
      options,
    ),
  );

const topic = (health: TopicHealth[], provider: string, name: string) =>
  health.find((row) => row.provider === provider && row.topic === name)!;

describe("webhook health", () => {
  it("counts accepted, redelivered, refused (by reason) and failed deliveries per provider and topic, and keeps the body only of a failed one", async () => {
    expect((await mail("Merci, reçu !", { messageId: "pm-1" })).status).toBe(200);
    expect((await mail("Merci, reçu !", { messageId: "pm-1" })).status).toBe(200); // Postmark's retry
    expect((await mail("forged", { password: "guessed-password" })).status).toBe(401);
    expect((await mail("not json", { contentType: "text/plain" })).status).toBe(400);
    expect((await sms("forged", undefined, { signature: "bm9wZQ==" })).status).toBe(403);
    const oversized = shopifyRequest("orders/create", { id: 1 });
    const tooLarge = new Request(oversized.url, {
      method: "POST",
      headers: { ...Object.fromEntries(oversized.headers), "content-length": String(6 * 1024 * 1024) },
      body: "{}",
    });
    expect((await shopifyWebhook(tooLarge)).status).toBe(413);
    const restore = await refuse("disk-full-1");
    expect((await sms("Mon colis n'est pas arrivé disk-full-1")).status).toBe(500);
    await restore();
    await settleBackgroundWork();

    const health = await webhookHealth();
    expect(topic(health, "postmark", "inbound").day).toMatchObject({
      accepted: 1,
      duplicates: 1,
      rejectedAuth: 1,
      rejectedMalformed: 1,
      failed: 0,
    });
    expect(topic(health, "postmark", "inbound").lastAcceptedAt).not.toBeNull();
    expect(topic(health, "twilio", "sms").week).toMatchObject({ accepted: 0, rejectedSignature: 1, failed: 1 });
    // A refused delivery's topic header is not believed: counted under "other".
    expect(topic(health, "shopify", "other").week).toMatchObject({ rejectedSize: 1 });
    expect(topic(health, "shopify", "orders/create").week.rejectedSize).toBe(0);
    // Topics nothing arrived on are listed too, as never.
    expect(topic(health, "twilio", "status")).toMatchObject({ lastReceivedAt: null, week: { accepted: 0 } });

    const failures = await recentWebhookFailures();
    expect(failures.map((f) => `${f.endpoint} ${f.reason} ${f.replayable}`).sort()).toEqual([
      "postmark.inbound auth false",
      "postmark.inbound malformed false",
      "shopify size false",
      "twilio.sms error true",
      "twilio.sms signature false",
    ]);
    const failed = failures.find((f) => f.reason === "error")!;
    expect(failed.error).toBe("Database error: could not extend file: No space left on device");
    const stored = await db.webhookFailure.findMany({ select: { reason: true, payload: true } });
    expect(stored.filter((f) => f.payload !== null).map((f) => f.reason)).toEqual(["error"]);
    expect(stored.find((f) => f.reason === "error")!.payload).toContain("disk-full-1");
  });

  it("counts every refusal but stores only the first few of each hour, so forged traffic cannot fill the table", async () => {
    for (let i = 0; i < STORED_WITHOUT_BODY_PER_HOUR + 5; i++)
      expect((await mail("forged", { password: `guess-${i}-password` })).status).toBe(401);
    await settleBackgroundWork();
    expect(topic(await webhookHealth(), "postmark", "inbound").day.rejectedAuth).toBe(STORED_WITHOUT_BODY_PER_HOUR + 5);
    expect(await db.webhookFailure.count()).toBe(STORED_WITHOUT_BODY_PER_HOUR);
  });

  it("drops a failed delivery's body after 7 days, and failures and counts after 30", async () => {
    const now = new Date("2026-11-30T12:00:00Z");
    const day = 86_400_000;
    await db.webhookFailure.createMany({
      data: [
        {
          endpoint: "twilio.sms",
          provider: "twilio",
          topic: "sms",
          reason: "error",
          error: "x",
          payload: "Body=recent",
          receivedAt: new Date(now.getTime() - 6 * day),
        },
        {
          endpoint: "twilio.sms",
          provider: "twilio",
          topic: "sms",
          reason: "error",
          error: "x",
          payload: "Body=old",
          receivedAt: new Date(now.getTime() - 8 * day),
        },
        {
          endpoint: "twilio.sms",
          provider: "twilio",
          topic: "sms",
          reason: "error",
          error: "x",
          payload: "Body=ancient",
          receivedAt: new Date(now.getTime() - 31 * day),
        },
      ],
    });
    await db.webhookTally.createMany({
      data: [
        {
          provider: "twilio",
          topic: "sms",
          hour: new Date(now.getTime() - 29 * day),
          accepted: 3,
          lastReceivedAt: new Date(now.getTime() - 29 * day),
        },
        {
          provider: "twilio",
          topic: "sms",
          hour: new Date(now.getTime() - 31 * day),
          accepted: 3,
          lastReceivedAt: new Date(now.getTime() - 31 * day),
        },
      ],
    });
    await pruneWebhookRecords(now);
    expect(
      (await db.webhookFailure.findMany({ orderBy: { receivedAt: "desc" }, select: { payload: true } })).map(
        (f) => f.payload,
      ),
    ).toEqual(["Body=recent", null]);
    expect(await db.webhookTally.count()).toBe(1);
  });
});

describe("what is kept, and for whom", () => {
  it("stores a failed body once while it waits for a replay, however often the provider retries it", async () => {
    const restore = await refuse("disk-full-4");
    for (let i = 0; i < 3; i++)
      expect((await mail("Encore rien disk-full-4", { messageId: "pm-retried" })).status).toBe(500);
    await restore();
    await settleBackgroundWork();
    expect(topic(await webhookHealth(), "postmark", "inbound").day.failed).toBe(3);
    expect(await db.webhookFailure.count()).toBe(1);
  });

  it("never keeps the body of a delivery that was not authenticated, whatever went wrong", () => {
    const shopify = { authenticate: { by: "signature" as const, check: () => {} } };
    expect(failureReason(shopify, new AppError("unauthenticated", "bad hmac"), false)).toBe("signature");
    expect(failureReason(shopify, new AppError("payload_too_large", "big"), false)).toBe("size");
    expect(failureReason(shopify, new AppError("bad_request", "not json"), true)).toBe("malformed");
    expect(failureReason(shopify, new AppError("conflict", "taken"), true)).toBe("conflict");
    expect(failureReason(shopify, new AppError("conflict", "taken"), false)).toBe("malformed");
    expect(failureReason(shopify, new Error("database down"), true)).toBe("error");
  });

  it("finds a customer's address or number in a failed body in the forms providers write them, and no one else's", async () => {
    const bodies = {
      json: JSON.stringify({ FromFull: { Email: "Ann@Shop.co" }, TextBody: "hello" }),
      form: `MessageSid=SM1&From=${encodeURIComponent("+33612345678")}&Body=hi`,
      escaped: '{"customer":{"phone":"\\u002b33612345678"}}',
      longerAddress: JSON.stringify({ FromFull: { Email: "joann@shop.com" } }),
      longerNumber: `From=${encodeURIComponent("+336123456789")}&Body=hi`,
    };
    for (const [name, payload] of Object.entries(bodies))
      await db.webhookFailure.create({
        data: { endpoint: name, provider: "twilio", topic: "sms", reason: "error", error: "x", payload },
      });
    const found = async (...addresses: string[]) =>
      (await failedDeliveriesMentioning(addresses)).map((f) => f.endpoint).sort();
    expect(await found("ann@shop.co")).toEqual(["json"]);
    expect(await found("+33612345678")).toEqual(["escaped", "form"]);
  });
});

describe("a deadlock", () => {
  it("runs the delivery's transaction again: PostgreSQL cancelled it, nothing was written", async () => {
    // The first checkout insert is cancelled as a deadlock would be (SQLSTATE 40P01).
    await db.$executeRawUnsafe(`CREATE SEQUENCE IF NOT EXISTS test_deadlock_once`);
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_deadlock_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF nextval('test_deadlock_once') = 1 THEN RAISE EXCEPTION 'deadlock detected' USING ERRCODE = '40P01'; END IF;
        RETURN NEW;
      END $$`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER test_deadlock_once BEFORE INSERT ON "Checkout" FOR EACH ROW EXECUTE FUNCTION test_deadlock_once()`,
    );
    try {
      const response = await shopifyWebhook(
        shopifyRequest("checkouts/create", fixture("shopify/checkout-update.json")),
      );
      expect(response.status).toBe(200);
      expect(await db.checkout.count()).toBe(1);
      const [{ calls }] = await db.$queryRawUnsafe<[{ calls: bigint }]>(
        `SELECT last_value AS calls FROM test_deadlock_once`,
      );
      expect(calls).toBe(2n);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_deadlock_once ON "Checkout"`);
      await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS test_deadlock_once()`);
      await db.$executeRawUnsafe(`DROP SEQUENCE IF EXISTS test_deadlock_once`);
    }
  });
});

describe("replaying a failed delivery", () => {
  it("applies it once, for one admin at a time, records who did it, and drops the body", async () => {
    const restore = await refuse("disk-full-2");
    expect((await sms("Le colis n'est pas arrivé disk-full-2", "SM-replay-1")).status).toBe(500);
    expect(await db.message.count()).toBe(0);
    await restore();
    const failure = (await recentWebhookFailures())[0]!;

    // Two admins click at once: one replay runs.
    const results = await Promise.allSettled([
      replayWebhookFailure(failure.id, adminId),
      replayWebhookFailure(failure.id, adminId),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r) => r.status === "fulfilled")).toMatchObject({ value: { outcome: "applied" } });
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
    await settleBackgroundWork();
    expect(await db.message.findMany({ select: { providerMessageId: true, textBody: true } })).toEqual([
      { providerMessageId: "SM-replay-1", textBody: "Le colis n'est pas arrivé disk-full-2" },
    ]);

    // Once applied it is not replayable, and Twilio's own redelivery changes nothing either.
    await expect(replayWebhookFailure(failure.id, adminId)).rejects.toMatchObject({
      code: "conflict",
      message: "This delivery was already replayed.",
    });
    expect((await sms("Le colis n'est pas arrivé disk-full-2", "SM-replay-1")).status).toBe(200);
    expect(await db.message.count()).toBe(1);

    const stored = await db.webhookFailure.findUniqueOrThrow({ where: { id: failure.id } });
    expect(stored).toMatchObject({ replayOutcome: "applied", replayedById: adminId, payload: null });
    const audit = await db.auditLog.findMany({ where: { action: "webhook.replayed" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorUserId: adminId,
      entityId: failure.id,
      data: { endpoint: "twilio.sms", topic: "sms", outcome: "applied" },
    });
  });

  it("changes nothing when the provider's retry applied it first, and may be tried again when the replay itself fails", async () => {
    const restore = await refuse("disk-full-3");
    expect((await mail("Toujours rien reçu disk-full-3", { messageId: "pm-retry" })).status).toBe(500);
    const failure = (await recentWebhookFailures())[0]!;
    // Still failing: the replay says why and stays possible.
    expect(await replayWebhookFailure(failure.id, adminId)).toMatchObject({
      outcome: "failed",
      error: expect.stringContaining("No space left on device"),
    });
    expect((await recentWebhookFailures())[0]).toMatchObject({ replayable: true, replayOutcome: "failed" });
    await restore();
    // Postmark retries on its own and gets through.
    expect((await mail("Toujours rien reçu disk-full-3", { messageId: "pm-retry" })).status).toBe(200);
    expect(await replayWebhookFailure(failure.id, adminId)).toEqual({ outcome: "duplicate" });
    expect(await db.message.count()).toBe(1);
    expect(await db.auditLog.count({ where: { action: "webhook.replayed" } })).toBe(2);
  });

  it("refuses to replay a refused delivery, or one whose body is gone", async () => {
    expect((await mail("forged", { password: "guessed-password" })).status).toBe(401);
    await settleBackgroundWork();
    const refused = (await recentWebhookFailures())[0]!;
    await expect(replayWebhookFailure(refused.id, adminId)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/^A refused delivery/),
    });
    const expired = await db.webhookFailure.create({
      data: { endpoint: "twilio.sms", provider: "twilio", topic: "sms", reason: "error", error: "x", payload: null },
    });
    await expect(replayWebhookFailure(expired.id, adminId)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/removed after 7 days/),
    });
    await expect(replayWebhookFailure("no-such-failure", adminId)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("silent providers", () => {
  const now = new Date("2026-11-30T12:00:00Z");
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

  async function sentEmails(count: number, at: Date, options: { internalNotes?: boolean } = {}) {
    const customer = await db.customer.create({ data: { email: `silent-${crypto.randomUUID()}@example.test` } });
    const conversation = await db.conversation.create({
      data: { customerId: customer.id, mailboxHash: crypto.randomUUID(), status: "open", lastMessageAt: at },
    });
    await db.message.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        conversationId: conversation.id,
        direction: "outbound" as const,
        channel: "email" as const,
        authorType: "automation" as const,
        isInternalNote: options.internalNotes ?? false,
        textBody: "Bonjour",
        deliveryStatus: "sent" as const,
        providerMessageId: `pm-${crypto.randomUUID()}-${i}`,
        createdAt: at,
        sentAt: at,
      })),
    });
  }
  const lastDeliveryEvent = (at: Date) =>
    db.webhookTally.create({
      data: { provider: "postmark", topic: "events", hour: at, accepted: 1, lastReceivedAt: at, lastAcceptedAt: at },
    });

  it("flags Postmark when no delivery event came for 6 hours while 20 emails went out since the last one", async () => {
    await sentEmails(20, hoursAgo(3));
    expect(await silentProviders(now)).toEqual([
      { provider: "postmark", topic: "events", lastAcceptedAt: null, sendsSince: 20 },
    ]);

    await lastDeliveryEvent(hoursAgo(7));
    expect((await silentProviders(now)).map((p) => p.sendsSince)).toEqual([20]);
    // An event within 6 hours: all is well.
    await lastDeliveryEvent(hoursAgo(2));
    expect(await silentProviders(now)).toEqual([]);
  });

  it("waits for 20 sends, and does not count sends of the last 15 minutes or internal notes", async () => {
    await lastDeliveryEvent(hoursAgo(8));
    await sentEmails(19, hoursAgo(4));
    await sentEmails(5, new Date(now.getTime() - 5 * 60_000));
    await sentEmails(3, hoursAgo(2), { internalNotes: true });
    expect(await silentProviders(now)).toEqual([]);
    await sentEmails(1, hoursAgo(1));
    expect((await silentProviders(now)).map((p) => `${p.provider} ${p.sendsSince}`)).toEqual(["postmark 20"]);
  });
});
