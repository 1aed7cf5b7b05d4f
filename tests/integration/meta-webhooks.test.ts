// Messenger and Instagram Direct end to end (issue #19): Meta's webhook through the real route
// (handshake, signature, batches, redeliveries, echoes, receipts), the people it brings, and a
// person's answer through the fake Graph API inside and outside Meta's window.
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { settleBackgroundWork } from "@/lib/http/run-after-response";
import { createUser } from "@/lib/users/create-user";
import { startFakeGraphApi, type FakeGraphApi } from "@/tools/fake-providers";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { withFakeProviders } from "../support/fake-provider-env";
import { makeCustomer, makeOrder, makeShopSettings } from "../support/factories";

const APP_SECRET = "meta-app-secret-for-tests";
const VERIFY_TOKEN = "verify-token-for-tests";
const PAGE_TOKEN = "page-token-for-tests";
const PAGE = "104857293847561";
const PERSON = "6024918273645091";

let graph: FakeGraphApi;
// The fake Graph API is up before env() is first read: its port goes in META_GRAPH_API_URL.
beforeAll(async () => {
  graph = await startFakeGraphApi(PAGE_TOKEN);
  process.env.META_GRAPH_API_URL = graph.url;
});
afterAll(() => graph.close());
const fakes = withFakeProviders({
  META_APP_SECRET: APP_SECRET,
  META_VERIFY_TOKEN: VERIFY_TOKEN,
  META_PAGE_ACCESS_TOKEN: PAGE_TOKEN,
});

const { GET, POST } = await import("@/app/api/webhooks/meta/route");
const { sendStaffReply } = await import("@/lib/inbox/send-staff-reply");

beforeEach(async () => {
  await truncateAllTables();
  await makeShopSettings();
  graph.sent.length = 0;
  graph.outsideWindow.clear();
  graph.profiles.clear();
  graph.resetFailures();
});

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../fixtures/meta", name), "utf8");

/** A delivery as Meta posts it: the raw body, signed with the app secret (or a given signature). */
async function deliver(
  body: string,
  signature = `sha256=${createHmac("sha256", APP_SECRET).update(body).digest("hex")}`,
) {
  const response = await POST(
    new Request("http://10.0.0.5:3000/api/webhooks/meta", {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature-256": signature },
      body,
    }),
  );
  await settleBackgroundWork();
  return response;
}

/** One message from PERSON, written `at`. */
function messageDelivery(text: string, at: Date, mid = `m_${randomUUID()}`) {
  return JSON.stringify({
    object: "page",
    entry: [
      {
        id: PAGE,
        time: at.getTime(),
        messaging: [
          { sender: { id: PERSON }, recipient: { id: PAGE }, timestamp: at.getTime(), message: { mid, text } },
        ],
      },
    ],
  });
}

describe("the verification handshake", () => {
  it("answers the challenge as plain text when the verify token matches, 403 otherwise", async () => {
    const ok = await GET(
      new Request(
        `http://localhost/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`,
      ),
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toContain("text/plain");
    expect(await ok.text()).toBe("1158201444");
    const wrong = await GET(
      new Request("http://localhost/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1"),
    );
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).error).toContain("META_VERIFY_TOKEN");
  });
});

describe("deliveries", () => {
  it("refuses a forged signature with 403 and stores nothing", async () => {
    const body = fixture("messenger-message.json");
    const forged = `sha256=${createHmac("sha256", "not-the-secret").update(body).digest("hex")}`;
    expect((await deliver(body, forged)).status).toBe(403);
    expect((await deliver(body, "")).status).toBe(403);
    expect(await db.message.count()).toBe(0);
    expect(await db.customer.count()).toBe(0);
    expect(await db.webhookEvent.count()).toBe(0);
  });

  it("stores a batch of two messages in one thread of a new customer, the picture kept by URL, once however often it comes", async () => {
    graph.profiles.set(PERSON, { first_name: "Léa", last_name: "Moreau" });
    const body = fixture("messenger-message.json");
    const response = await deliver(body);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("EVENT_RECEIVED");

    const messages = await db.message.findMany({ orderBy: { createdAt: "asc" }, include: { attachments: true } });
    expect(messages.map((m) => [m.channel, m.direction, m.textBody])).toEqual([
      ["messenger", "inbound", "Bonjour ! Vous livrez en Belgique ? Et la lampe existe en blanc ?"],
      ["messenger", "inbound", ""],
    ]);
    expect(new Set(messages.map((m) => m.conversationId)).size).toBe(1);
    expect(messages[1]!.attachments).toMatchObject([
      {
        contentType: "image/jpeg",
        content: null,
        sourceUrl: "https://scontent.xx.fbcdn.net/v/t1.15752-9/468213579_photo.jpg?oh=illustrative",
      },
    ]);
    const identity = await db.channelIdentity.findFirstOrThrow({ include: { customer: true } });
    expect(identity).toMatchObject({
      channel: "messenger",
      accountId: PAGE,
      externalId: PERSON,
      profileName: "Léa Moreau",
    });
    // Named by Meta's profile, never matched to anyone by that name.
    expect(identity.customer).toMatchObject({ firstName: "Léa", lastName: "Moreau", email: null, phone: null });

    // A question: a person's job.
    const conversation = await db.conversation.findFirstOrThrow();
    expect(conversation).toMatchObject({ needsHuman: true, channels: ["messenger"] });

    // Meta delivers again (and once more inside another batch): nothing twice.
    expect((await deliver(body)).status).toBe(200);
    const again = JSON.parse(body);
    again.entry.push({ id: PAGE, time: Date.now(), messaging: [] });
    expect((await deliver(JSON.stringify(again))).status).toBe(200);
    expect(await db.message.count()).toBe(2);
    expect(await db.customer.count()).toBe(1);
    expect(await db.channelIdentity.count()).toBe(1);
  });

  it("ignores the echo of a message the page sent", async () => {
    expect((await deliver(fixture("messenger-echo.json"))).status).toBe(200);
    expect(await db.message.count()).toBe(0);
    expect(await db.customer.count()).toBe(0);
  });

  it("files an Instagram DM in an Instagram thread of its own person", async () => {
    await deliver(fixture("messenger-message.json"));
    await deliver(fixture("instagram-message.json"));
    const instagram = await db.message.findFirstOrThrow({ where: { channel: "instagram" } });
    expect(instagram.textBody).toBe("Hello! What size is the Moon lamp? Does it fit on a bedside table?");
    // Another platform's id is another person until an agent links them.
    expect(await db.customer.count()).toBe(2);
    expect(await db.channelIdentity.findFirstOrThrow({ where: { channel: "instagram" } })).toMatchObject({
      accountId: "17841400008460056",
      externalId: "1258347960213847",
    });
  });

  it("refuses a body that is not Meta's shape with 400, and stores nothing", async () => {
    const response = await deliver(JSON.stringify({ object: "whatsapp_business_account", entry: [] }));
    expect(response.status).toBe(400);
    expect(await db.webhookEvent.count()).toBe(0);
  });
});

describe("a person's answer", () => {
  const written = new Date("2026-11-29T14:00:00Z");

  async function conversationWithDm() {
    await deliver(messageDelivery("La lampe existe en blanc ?", written));
    const agent = await createUser({
      email: "sofia@shop.test",
      name: "Sofia",
      role: "agent",
      password: "agent-password",
    });
    const conversation = await db.conversation.findFirstOrThrow();
    const latest = await db.message.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    const reply = (text: string, now: Date, clientRequestId = randomUUID()) =>
      sendStaffReply(
        {
          conversationId: conversation.id,
          channel: "messenger",
          text,
          clientRequestId,
          seenUpToMessageId: latest.id,
          sendAnyway: false,
          attachmentIds: [],
        },
        { id: agent.id, name: agent.name },
        now,
      );
    return { conversation, reply };
  }

  it("goes once inside the 24-hour window, then delivery and read receipts mark it", async () => {
    const { conversation, reply } = await conversationWithDm();
    const now = new Date(written.getTime() + 3 * 3600_000);
    const requestId = randomUUID();
    const outcome = await reply("Oui, en blanc aussi ! Je vous mets le lien.", now, requestId);
    expect(outcome.outcome).toBe("sent");
    // The same send again (a double click, a retry): still one message at Meta.
    expect((await reply("Oui, en blanc aussi ! Je vous mets le lien.", now, requestId)).outcome).toBe("sent");
    expect(graph.sent).toHaveLength(1);
    expect(graph.sent[0]).toMatchObject({
      recipient: { id: PERSON },
      messaging_type: "RESPONSE",
      message: { text: "Oui, en blanc aussi ! Je vous mets le lien." },
    });
    const sent = await db.message.findFirstOrThrow({ where: { direction: "outbound" } });
    expect(sent).toMatchObject({
      channel: "messenger",
      toAddress: PERSON,
      fromAddress: PAGE,
      deliveryStatus: "sent",
      providerMessageId: graph.sent[0]!.message_id,
    });
    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({
      needsHuman: false,
      waitingSince: null,
    });

    const seenAt = new Date(now.getTime() + 60_000);
    const receipts = {
      object: "page",
      entry: [
        {
          id: PAGE,
          time: seenAt.getTime(),
          messaging: [
            {
              sender: { id: PERSON },
              recipient: { id: PAGE },
              delivery: { mids: [sent.providerMessageId], watermark: seenAt.getTime() },
            },
            {
              sender: { id: PERSON },
              recipient: { id: PAGE },
              timestamp: seenAt.getTime(),
              read: { watermark: seenAt.getTime() },
            },
          ],
        },
      ],
    };
    expect((await deliver(JSON.stringify(receipts))).status).toBe(200);
    expect(await db.message.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({
      deliveryStatus: "delivered",
      readAt: seenAt,
    });
  });

  it("is refused outside the window with the reason, and nothing reaches Meta", async () => {
    const { reply } = await conversationWithDm();
    const late = new Date(written.getTime() + 25 * 3600_000);
    const refusal = await reply("Toujours là ?", late).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).status).toBe(400);
    expect((refusal as AppError).message).toMatch(/Cannot reply on Messenger: Meta allows answers within 24 hours/);
    expect(graph.sent).toHaveLength(0);
    expect(await db.message.count({ where: { direction: "outbound" } })).toBe(0);
  });

  it("goes with the HUMAN_AGENT tag up to 7 days when the shop says its app has the permission", async () => {
    await db.shopSettings.update({ where: { id: 1 }, data: { metaHumanAgent: true } });
    const { reply } = await conversationWithDm();
    graph.outsideWindow.add(PERSON);
    expect((await reply("Désolée pour l'attente !", new Date(written.getTime() + 3 * 86_400_000))).outcome).toBe(
      "sent",
    );
    expect(graph.sent[0]).toMatchObject({ messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" });
    const refusal = await reply("Et maintenant ?", new Date(written.getTime() + 8 * 86_400_000)).catch(
      (e: unknown) => e,
    );
    expect((refusal as AppError).message).toMatch(/Cannot reply on Messenger/);
    expect(graph.sent).toHaveLength(1);
  });

  it("refuses a text over Messenger's 2,000 characters before anything is stored", async () => {
    const { reply } = await conversationWithDm();
    const refusal = await reply("a".repeat(2001), new Date(written.getTime() + 3600_000)).catch((e: unknown) => e);
    expect((refusal as AppError).message).toMatch(/2000 characters at most; this one has 2001/);
    expect(graph.sent).toHaveLength(0);
  });

  it("refuses an Instagram text over 1,000 bytes (600 accented letters), before anything reaches Meta", async () => {
    await deliver(fixture("instagram-message.json"));
    const agent = await createUser({
      email: "sofia@shop.test",
      name: "Sofia",
      role: "agent",
      password: "agent-password",
    });
    const dm = await db.message.findFirstOrThrow({ where: { channel: "instagram" } });
    const send = (text: string) =>
      sendStaffReply(
        {
          conversationId: dm.conversationId,
          channel: "instagram",
          text,
          clientRequestId: randomUUID(),
          seenUpToMessageId: dm.id,
          sendAnyway: false,
          attachmentIds: [],
        },
        { id: agent.id, name: agent.name },
        new Date(dm.createdAt.getTime() + 3600_000),
      );
    const refusal = await send("é".repeat(600)).catch((e: unknown) => e);
    expect((refusal as AppError).message).toMatch(/1000 bytes at most .*; this one has 1200/);
    expect(graph.sent).toHaveLength(0);
    expect(await db.message.count({ where: { direction: "outbound" } })).toBe(0);
    await send("é".repeat(500));
    expect(graph.sent).toHaveLength(1);
  });
});

describe("linking a person to a customer we know", () => {
  it("moves their conversation into the customer's thread, in order with email and SMS, and their next messages follow", async () => {
    const { linkChannelIdentity } = await import("@/lib/inbox/link-channel-identity");
    const agent = await createUser({
      email: "sofia@shop.test",
      name: "Sofia",
      role: "agent",
      password: "agent-password",
    });
    const camille = await db.customer.create({
      data: { email: "camille.martin@example.net", phone: "+33612345678", firstName: "Camille", lastName: "Martin" },
    });
    const thread = await db.conversation.create({
      data: { customerId: camille.id, mailboxHash: "h-camille", lastMessageAt: new Date("2026-11-28T09:00:00Z") },
    });
    for (const [channel, at, text] of [
      ["email", "2026-11-27T09:00:00Z", "Ma commande est partie ?"],
      ["sms", "2026-11-28T09:00:00Z", "Reçue, merci !"],
    ] as const)
      await db.message.create({
        data: {
          conversationId: thread.id,
          direction: "inbound",
          channel,
          authorType: "customer",
          textBody: text,
          deliveryStatus: "received",
          createdAt: new Date(at),
          sentiment: "neutral",
          intent: "other",
        },
      });
    await deliver(
      messageDelivery("Bonjour, c'est Camille : la lampe existe en blanc ?", new Date("2026-11-29T14:00:00Z")),
    );
    const dm = await db.conversation.findFirstOrThrow({ where: { channels: { has: "messenger" } } });
    const identity = await db.channelIdentity.findFirstOrThrow();

    const { conversationId } = await linkChannelIdentity(
      { identityId: identity.id, customerId: camille.id, conversationId: dm.id },
      agent.id,
    );
    expect(conversationId).toBe(thread.id);
    const messages = await db.message.findMany({ where: { conversationId: thread.id }, orderBy: { createdAt: "asc" } });
    expect(messages.map((m) => m.channel)).toEqual(["email", "sms", "messenger"]);
    expect(await db.channelIdentity.findUniqueOrThrow({ where: { id: identity.id } })).toMatchObject({
      customerId: camille.id,
      linkedById: agent.id,
    });
    // The record made for the person alone is gone; Camille keeps her address and number.
    expect(await db.customer.count()).toBe(1);
    expect(await db.auditLog.count({ where: { action: "channel_identity.linked" } })).toBe(1);

    await deliver(messageDelivery("Et en 40 cm ?", new Date("2026-11-29T15:00:00Z")));
    const next = await db.message.findFirstOrThrow({
      where: { textBody: "Et en 40 cm ?" },
      include: { conversation: true },
    });
    expect(next.conversation.customerId).toBe(camille.id);
    expect(next.conversationId).toBe(thread.id);

    await expect(
      linkChannelIdentity({ identityId: identity.id, customerId: camille.id, conversationId: thread.id }, agent.id),
    ).rejects.toMatchObject({ status: 400, message: "They are already linked to this customer." });
  });
});

describe("a message arriving while its conversation is merged", () => {
  it("waits for the merge and lands in the conversation it was merged into, which stays the only open one", async () => {
    await deliver(messageDelivery("Bonjour, la lampe existe en blanc ?", new Date("2026-11-29T14:00:00Z")));
    const source = await db.conversation.findFirstOrThrow();
    const target = await db.conversation.create({
      data: { customerId: source.customerId, mailboxHash: "h-target", lastMessageAt: new Date("2026-11-28T09:00:00Z") },
    });
    // A merge in progress, holding both conversations (as lib/inbox/merge-conversations does).
    const merge = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await merge.connect();
    try {
      await merge.query("BEGIN");
      await merge.query(`SELECT id FROM "Conversation" WHERE id IN ($1, $2) ORDER BY id FOR UPDATE`, [
        source.id,
        target.id,
      ]);
      await merge.query(`UPDATE "Message" SET "conversationId" = $2 WHERE "conversationId" = $1`, [
        source.id,
        target.id,
      ]);
      await merge.query(`UPDATE "Conversation" SET "mergedIntoId" = $2, status = 'closed' WHERE id = $1`, [
        source.id,
        target.id,
      ]);
      const arriving = deliver(messageDelivery("Et en 40 cm ?", new Date("2026-11-29T14:05:00Z")));
      await new Promise((resolve) => setTimeout(resolve, 500));
      await merge.query("COMMIT");
      expect((await arriving).status).toBe(200);
    } finally {
      await merge.end();
    }
    const next = await db.message.findFirstOrThrow({ where: { textBody: "Et en 40 cm ?" } });
    expect(next.conversationId).toBe(target.id);
    expect(await db.conversation.findUniqueOrThrow({ where: { id: source.id } })).toMatchObject({
      status: "closed",
      mergedIntoId: target.id,
    });
    expect(await db.message.count({ where: { conversationId: source.id } })).toBe(0);
  });
});

describe("Meta on Connections", () => {
  it("sends a test message through the Send API, and says plainly when Meta's window refuses it", async () => {
    const { sendMetaTestMessage } = await import("@/lib/meta/meta-channel-settings");
    const { messageId } = await sendMetaTestMessage(PERSON, "Test from Reply Inbox");
    expect(graph.sent).toMatchObject([
      { recipient: { id: PERSON }, messaging_type: "RESPONSE", message: { text: "Test from Reply Inbox" } },
    ]);
    expect(messageId).toBe(graph.sent[0]!.message_id);
    graph.outsideWindow.add(PERSON);
    await expect(sendMetaTestMessage(PERSON, "Again")).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("has not written to the page in the last 24 hours"),
    });
    graph.accepted.pageToken = "revoked";
    await expect(sendMetaTestMessage("1258347960213847", "Again")).rejects.toMatchObject({
      message: expect.stringContaining("Invalid OAuth access token"),
    });
    graph.accepted.pageToken = PAGE_TOKEN;
  });

  it("records the Human Agent permission, audited", async () => {
    const { setMetaHumanAgent, metaHumanAgentAllowed } = await import("@/lib/meta/meta-channel-settings");
    const admin = await createUser({
      email: "owner@shop.test",
      name: "Owner",
      role: "admin",
      password: "admin-password",
    });
    expect(await metaHumanAgentAllowed()).toBe(false);
    await setMetaHumanAgent(true, admin.id);
    expect(await metaHumanAgentAllowed()).toBe(true);
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "settings.meta_human_agent" } })).toMatchObject({
      actorUserId: admin.id,
      data: { allowed: true },
    });
  });
});

describe("reports by channel", () => {
  it("the friction report filtered to Instagram counts the signs seen there, and only those", async () => {
    const { frictionReport } = await import("@/lib/reports/friction-report");
    const { parseReportFilters } = await import("@/lib/reports/report-filters");
    const { listFrictionCategories } = await import("@/lib/friction/friction-categories");
    const categories = await listFrictionCategories();
    const shipping = categories.find((c) => c.key === "shipping_cost")!;
    await deliver(fixture("instagram-message.json"));
    const dm = await db.message.findFirstOrThrow({ where: { channel: "instagram" } });
    await db.message.update({ where: { id: dm.id }, data: { frictionHint: "shipping_cost" } });
    const mailer = await db.customer.create({ data: { email: "ana@example.net" } });
    const mailThread = await db.conversation.create({
      data: { customerId: mailer.id, mailboxHash: "h-ana", lastMessageAt: dm.createdAt },
    });
    await db.message.create({
      data: {
        conversationId: mailThread.id,
        direction: "inbound",
        channel: "email",
        authorType: "customer",
        textBody: "Les frais de port m'ont surprise",
        deliveryStatus: "received",
        frictionHint: "shipping_cost",
        createdAt: dm.createdAt,
      },
    });
    const day = dm.createdAt.toISOString().slice(0, 10);
    const filtered = (channel: string) => {
      const parsed = parseReportFilters({ from: day, to: day, channel });
      if (!parsed.ok) throw new Error(parsed.error);
      return frictionReport(parsed.filters);
    };
    const occurrences = async (channel: string) =>
      (await filtered(channel)).find((c) => c.id === shipping.id)?.occurrences ?? 0;
    expect(await occurrences("all")).toBe(2);
    expect(await occurrences("instagram")).toBe(1);
    expect(await occurrences("email")).toBe(1);
    expect(await occurrences("messenger")).toBe(0);
  });
});

describe("files sent on Messenger", () => {
  function withPicture(url: string) {
    const at = Date.now();
    return JSON.stringify({
      object: "page",
      entry: [
        {
          id: PAGE,
          time: at,
          messaging: [
            {
              sender: { id: PERSON },
              recipient: { id: PAGE },
              timestamp: at,
              message: { mid: `m_${randomUUID()}`, attachments: [{ type: "image", payload: { url } }] },
            },
          ],
        },
      ],
    });
  }

  it("are read from Meta when first opened, then kept (Meta's addresses expire)", async () => {
    const { readAttachment } = await import("@/lib/attachments/reply-uploads");
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    graph.media.set("photo-1", { contentType: "image/png", content: png });
    await deliver(withPicture(`${graph.url}/media/photo-1`));
    const stored = await db.attachment.findFirstOrThrow();
    expect(stored).toMatchObject({ content: null, size: 0 });

    const opened = await readAttachment(stored.id, "any-teammate");
    expect(Buffer.from(opened!.content!)).toEqual(png);
    expect(opened!.contentType).toBe("image/png");
    graph.media.clear();
    const again = await readAttachment(stored.id, "any-teammate");
    expect(Buffer.from(again!.content!)).toEqual(png);
    expect(await db.attachment.findUniqueOrThrow({ where: { id: stored.id } })).toMatchObject({ size: png.length });
  });

  it("say so when Meta's address has expired, and never read an address inside our network", async () => {
    const { readAttachment } = await import("@/lib/attachments/reply-uploads");
    await deliver(withPicture(`${graph.url}/media/expired`));
    await deliver(withPicture("http://169.254.169.254/latest/meta-data/"));
    await deliver(withPicture("https://intranet.shop.local/admin/export.csv"));
    const [expired, internal, intranet] = await db.attachment.findMany({ orderBy: { createdAt: "asc" } });
    await expect(readAttachment(expired!.id, "any-teammate")).rejects.toMatchObject({
      status: 502,
      message: expect.stringContaining("may have expired"),
    });
    await expect(readAttachment(internal!.id, "any-teammate")).rejects.toMatchObject({ status: 400 });
    await expect(readAttachment(intranet!.id, "any-teammate")).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("not one of Meta's"),
    });
  });
});

describe("a Messenger answer Meta did not confirm", () => {
  it("is never sent again by itself: a retry asks the agent to look first, the next one sends", async () => {
    const { sendStaffReply } = await import("@/lib/inbox/send-staff-reply");
    const written = new Date("2026-11-29T14:00:00Z");
    await deliver(messageDelivery("Vous êtes là ?", written));
    const agent = await createUser({
      email: "sofia@shop.test",
      name: "Sofia",
      role: "agent",
      password: "agent-password",
    });
    const conversation = await db.conversation.findFirstOrThrow();
    const input = {
      conversationId: conversation.id,
      channel: "messenger" as const,
      text: "Oui, je suis là !",
      clientRequestId: randomUUID(),
      seenUpToMessageId: null,
      sendAnyway: true,
      attachmentIds: [],
    };
    const now = new Date(written.getTime() + 3600_000);
    graph.failNext("reset-after");
    expect((await sendStaffReply(input, { id: agent.id, name: agent.name }, now)).outcome).toBe("unknown");
    expect(graph.sent).toHaveLength(1);
    const retried = await sendStaffReply(input, { id: agent.id, name: agent.name }, now);
    expect(retried).toMatchObject({ outcome: "failed", error: expect.stringContaining("Look in the page's inbox") });
    expect(graph.sent).toHaveLength(1);
    expect((await sendStaffReply(input, { id: agent.id, name: agent.name }, now)).outcome).toBe("sent");
    expect(graph.sent).toHaveLength(2);
  });
});

describe("Meta on the Connections page's health", () => {
  it("counts accepted and refused deliveries under messages", async () => {
    const { webhookHealth } = await import("@/lib/connections/webhook-health");
    const body = messageDelivery("Bonjour", new Date());
    await deliver(body);
    await deliver(body, "sha256=" + "0".repeat(64));
    await settleBackgroundWork();
    const row = (await webhookHealth()).find((r) => r.provider === "meta" && r.topic === "messages");
    expect(row?.day).toMatchObject({ accepted: 1, rejectedSignature: 1 });
  });
});

describe("privacy and safety nets on Meta's channels", () => {
  it("erasing a customer forgets their Messenger id: their next message starts a new record", async () => {
    const { eraseCustomer } = await import("@/lib/privacy/erase-customer");
    await deliver(messageDelivery("Bonjour, c'est Léa", new Date()));
    const first = await db.channelIdentity.findFirstOrThrow();
    await db.$transaction((tx) => eraseCustomer(first.customerId, tx));
    expect(await db.channelIdentity.count()).toBe(0);
    await deliver(messageDelivery("Re-bonjour", new Date()));
    const next = await db.channelIdentity.findFirstOrThrow();
    expect(next.customerId).not.toBe(first.customerId);
    const erasedThread = await db.message.findMany({
      where: { conversation: { customerId: first.customerId } },
      select: { textBody: true },
    });
    expect(erasedThread.map((m) => m.textBody)).not.toContain("Re-bonjour");
  });

  it("the dispatcher marks a Messenger reply Meta never confirmed as failed, asking the agent to look, and sends nothing", async () => {
    const { settleUnconfirmedReplies } = await import("@/lib/inbox/settle-unconfirmed-replies");
    const written = new Date();
    await deliver(messageDelivery("Vous êtes là ?", written));
    const agent = await createUser({
      email: "sofia@shop.test",
      name: "Sofia",
      role: "agent",
      password: "agent-password",
    });
    const conversation = await db.conversation.findFirstOrThrow();
    graph.failNext("reset-after");
    const outcome = await sendStaffReply(
      {
        conversationId: conversation.id,
        channel: "messenger",
        text: "Oui !",
        clientRequestId: randomUUID(),
        seenUpToMessageId: null,
        sendAnyway: true,
        attachmentIds: [],
      },
      { id: agent.id, name: agent.name },
      written,
    );
    expect(outcome.outcome).toBe("unknown");
    const later = new Date(Date.now() + 11 * 60_000);
    expect(await settleUnconfirmedReplies(later, ["email", "sms", "messenger", "instagram"])).toEqual({
      sent: 0,
      failed: 1,
    });
    expect(await db.message.findFirstOrThrow({ where: { direction: "outbound" } })).toMatchObject({
      deliveryStatus: "failed",
      deliveryError: expect.stringContaining("Look in the page's inbox"),
    });
    expect(graph.sent).toHaveLength(1);
  });
});

describe("a happy Instagram DM", () => {
  const IG_ACCOUNT = "17841400008460056";
  const IG_PERSON = "1258347960213847";
  const PRAISE = "I got the Moon lamp yesterday and it's gorgeous, thank you so much!";

  /** One DM from IG_PERSON, written `at`, as Meta posts Instagram's webhooks. */
  function instagramDelivery(text: string, at: Date, mid = `ig_${randomUUID()}`) {
    return JSON.stringify({
      object: "instagram",
      entry: [
        {
          id: IG_ACCOUNT,
          time: at.getTime(),
          messaging: [
            {
              sender: { id: IG_PERSON },
              recipient: { id: IG_ACCOUNT },
              timestamp: at.getTime(),
              message: { mid, text },
            },
          ],
        },
      ],
    });
  }

  /** Camille, whose lamp was delivered, and whose Instagram an agent linked to her earlier. */
  async function camilleWithDeliveredOrder() {
    const camille = await makeCustomer({ email: "camille.martin@example.net", firstName: "Camille", locale: "en" });
    const order = await makeOrder(camille.id, { deliveredAt: new Date(Date.now() - 2 * 86_400_000) });
    await db.channelIdentity.create({
      data: { channel: "instagram", accountId: IG_ACCOUNT, externalId: IG_PERSON, customerId: camille.id },
    });
    return { camille, order };
  }

  const dispatchAt = async (at: Date) => {
    const { dispatchDueMessages } = await import("@/lib/jobs/dispatch-due-messages");
    return dispatchDueMessages({ now: () => at, timeBudgetMs: 5_000 });
  };

  /** The order's day-5 review email, due in three days. */
  const DAY5_DUE = 3 * 86_400_000;
  const scheduleDay5 = (customerId: string, orderId: string) =>
    db.scheduledMessage.create({
      data: {
        flow: "post_delivery",
        step: "day5",
        channel: "email",
        customerId,
        orderId,
        dueAt: new Date(Date.now() + DAY5_DUE),
        idempotencyKey: `post_delivery:day5:${orderId}`,
      },
    });

  it("gets the review link by reply on Instagram, once, within the window, and the order's day-5 email is then not sent", async () => {
    const { camille, order } = await camilleWithDeliveredOrder();
    const day5 = await scheduleDay5(camille.id, order.id);
    const body = instagramDelivery(PRAISE, new Date());
    await deliver(body);
    await deliver(body); // Meta redelivers
    await deliver(instagramDelivery("Really, I love it. Thanks again!", new Date()));

    const conversation = await db.conversation.findFirstOrThrow({ where: { customerId: camille.id } });
    expect(conversation).toMatchObject({ needsHuman: false, sentiment: "positive", intent: "praise" });
    const answers = await db.scheduledMessage.findMany({ where: { flow: "auto_reply" } });
    expect(answers).toMatchObject([{ channel: "instagram", orderId: order.id, conversationId: conversation.id }]);
    // Kept until the thank-you has gone: if it cannot, the day-5 email still asks.
    expect(await db.scheduledMessage.findUniqueOrThrow({ where: { id: day5.id } })).toMatchObject({
      status: "scheduled",
    });

    const report = await dispatchAt(new Date());
    expect(report.channels).toContain("instagram");
    expect(graph.sent).toHaveLength(1);
    const [sent] = graph.sent;
    expect(sent).toMatchObject({ recipient: { id: IG_PERSON }, messaging_type: "RESPONSE" });
    expect(sent!.tag).toBeUndefined();
    // The founder's approved SMS text: plain, short, in Camille's language, with a tracked link.
    const link = await db.trackedLink.findFirstOrThrow({ where: { kind: "review" } });
    expect(sent!.message.text).toMatch(/^That made my day, thank you Camille! .*: https?:\/\/\S+\/r\/(\S+)$/);
    expect(sent!.message.text.endsWith(`/r/${link.token}`)).toBe(true);
    expect(new URL(link.targetUrl).searchParams.get("utm_medium")).toBe("instagram");
    expect(await db.scheduledMessage.findFirstOrThrow({ where: { flow: "auto_reply" } })).toMatchObject({
      status: "sent",
    });
    const answer = await db.message.findFirstOrThrow({ where: { direction: "outbound" } });
    expect(answer).toMatchObject({
      conversationId: conversation.id,
      channel: "instagram",
      authorType: "automation",
      fromAddress: IG_ACCOUNT,
      toAddress: IG_PERSON,
      deliveryStatus: "sent",
    });
    expect(answer.providerMessageId).toBeTruthy();

    // The next run sends nothing again.
    await dispatchAt(new Date());
    expect(graph.sent).toHaveLength(1);

    // The manager's outcome report counts it under Instagram, and only there.
    const { parseReportFilters } = await import("@/lib/reports/report-filters");
    const { outcomeMetrics } = await import("@/lib/reports/outcome-metrics");
    // A day either side: the report's days are the shop's, whatever the machine's clock says.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const outcomesOn = async (channel: string) => {
      const parsed = parseReportFilters({ from: day(-1), to: day(1), channel });
      if (!parsed.ok) throw new Error(parsed.error);
      return outcomeMetrics(parsed.filters);
    };
    const onInstagram = await outcomesOn("instagram");
    expect(onInstagram.rows).toMatchObject([
      { flow: "auto_reply", step: "review_link", channel: "instagram", sent: 1 },
    ]);
    expect(onInstagram.totals.instagram).toMatchObject({ sent: 1, unsubscribeRate: null, optOutRate: null });
    expect((await outcomesOn("email")).rows).toEqual([]);

    // The order was asked: its day-5 email is skipped when due.
    await dispatchAt(new Date(Date.now() + DAY5_DUE + 60_000));
    expect(await db.scheduledMessage.findUniqueOrThrow({ where: { id: day5.id } })).toMatchObject({
      status: "skipped",
      statusReason: "skipped: the review link went with a thank-you on Messenger or Instagram",
    });
    expect(fakes.postmark.sent).toHaveLength(0);
  });

  it("is written with the founder's approved SMS text, which the template page says answers there too", async () => {
    const { chatsWrittenWith } = await import("@/lib/outbound/compose-message");
    const { TEMPLATE_KEYS } = await import("@/lib/templates/default-templates");
    expect(chatsWrittenWith(TEMPLATE_KEYS.autoReviewLink, "sms")).toEqual(["messenger", "instagram"]);
    expect(chatsWrittenWith(TEMPLATE_KEYS.autoReviewLink, "email")).toEqual([]);
    expect(chatsWrittenWith(TEMPLATE_KEYS.smsReviewRequest, "sms")).toEqual([]);
  });

  it("is not answered once Meta's window has closed, even with Human Agent on; the day-5 email then asks", async () => {
    const { camille, order } = await camilleWithDeliveredOrder();
    const day5 = await scheduleDay5(camille.id, order.id);
    // Human Agent lets a person answer for 7 days; never the automation.
    await db.shopSettings.update({ where: { id: 1 }, data: { metaHumanAgent: true } });
    await deliver(instagramDelivery(PRAISE, new Date()));
    expect(await db.scheduledMessage.count({ where: { flow: "auto_reply" } })).toBe(1);
    // The dispatcher was down for a day.
    await dispatchAt(new Date(Date.now() + 24 * 3_600_000 + 60_000));
    expect(graph.sent).toHaveLength(0);
    expect(await db.scheduledMessage.findFirstOrThrow({ where: { flow: "auto_reply" } })).toMatchObject({
      status: "skipped",
      statusReason: "skipped: the reply window has closed",
    });
    await dispatchAt(new Date(Date.now() + DAY5_DUE + 60_000));
    expect(await db.scheduledMessage.findUniqueOrThrow({ where: { id: day5.id } })).toMatchObject({ status: "sent" });
    expect(fakes.postmark.sent).toHaveLength(1);
  });

  it("is not sent for an order already asked (its SMS request went), nor while a reported problem is open", async () => {
    const { camille, order } = await camilleWithDeliveredOrder();
    const request = await db.scheduledMessage.create({
      data: {
        flow: "sms_review_request",
        step: "review",
        channel: "sms",
        customerId: camille.id,
        orderId: order.id,
        dueAt: new Date(),
        status: "sent",
        sentAt: new Date(),
        idempotencyKey: `sms_review_request:review:${order.id}`,
      },
    });
    await deliver(instagramDelivery(PRAISE, new Date()));
    expect(await db.scheduledMessage.count({ where: { flow: "auto_reply" } })).toBe(0);

    await db.scheduledMessage.update({ where: { id: request.id }, data: { status: "scheduled", sentAt: null } });
    await db.conversation.create({
      data: {
        customerId: camille.id,
        mailboxHash: "h-problem",
        status: "open",
        intent: "problem",
        // Older than the Instagram thread, where the next DM goes.
        lastMessageAt: new Date(Date.now() - 3_600_000),
      },
    });
    await deliver(instagramDelivery("Love it, thank you so much, it's gorgeous!", new Date()));
    expect(await db.message.count({ where: { conversation: { mailboxHash: "h-problem" } } })).toBe(0);
    expect(await db.scheduledMessage.count({ where: { flow: "auto_reply" } })).toBe(0);

    // The problem closed, the next happy message gets it.
    await db.conversation.updateMany({ where: { mailboxHash: "h-problem" }, data: { status: "closed" } });
    await deliver(instagramDelivery("Honestly the nicest lamp I own, thank you!", new Date()));
    expect(await db.scheduledMessage.count({ where: { flow: "auto_reply" } })).toBe(1);
  });

  it("from someone without a delivered order gets no link; a stop there goes to a person and changes no consent", async () => {
    await deliver(instagramDelivery(PRAISE, new Date()));
    expect(await db.scheduledMessage.count()).toBe(0);
    expect(await db.conversation.findFirstOrThrow()).toMatchObject({ needsHuman: false });

    await deliver(instagramDelivery("STOP", new Date()));
    expect(await db.conversation.findFirstOrThrow()).toMatchObject({ needsHuman: true });
    expect(await db.consentEvent.count()).toBe(0);
    await dispatchAt(new Date());
    expect(graph.sent).toHaveLength(0);
  });

  it("after a dispatcher died holding it: sent if it had not been written yet, failed (never resent) if it may have gone", async () => {
    const { camille } = await camilleWithDeliveredOrder();
    await deliver(instagramDelivery(PRAISE, new Date()));
    const thanks = await db.scheduledMessage.findFirstOrThrow({ where: { flow: "auto_reply" } });
    const died = { status: "sending" as const, leaseExpiresAt: new Date(Date.now() - 60_000), attempts: 1 };

    // It died before composing anything: nothing reached Meta, so it goes now.
    await db.scheduledMessage.update({ where: { id: thanks.id }, data: died });
    await dispatchAt(new Date());
    expect(graph.sent).toHaveLength(1);
    expect(await db.scheduledMessage.findUniqueOrThrow({ where: { id: thanks.id } })).toMatchObject({ status: "sent" });

    // Another one it died on after writing it in the thread: it may have gone, so it fails.
    const conversation = await db.conversation.findFirstOrThrow({ where: { customerId: camille.id } });
    const written = await db.message.create({
      data: {
        conversationId: conversation.id,
        direction: "outbound",
        channel: "instagram",
        authorType: "automation",
        textBody: "That made my day!",
        deliveryStatus: "queued",
      },
    });
    const second = await db.scheduledMessage.create({
      data: {
        flow: "auto_reply",
        step: "review_link",
        channel: "instagram",
        customerId: camille.id,
        conversationId: conversation.id,
        dueAt: new Date(),
        sentMessageId: written.id,
        idempotencyKey: `auto_reply:review_link:test-${randomUUID()}`,
        ...died,
      },
    });
    const report = await dispatchAt(new Date());
    expect(report.unconfirmedChatsFailed).toBe(1);
    expect(graph.sent).toHaveLength(1);
    expect(await db.scheduledMessage.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
      status: "failed",
    });
    expect(await db.message.findUniqueOrThrow({ where: { id: written.id } })).toMatchObject({
      deliveryStatus: "failed",
    });
  });

  it("an automatic answer Meta never confirmed is failed, never sent again", async () => {
    await camilleWithDeliveredOrder();
    await deliver(instagramDelivery(PRAISE, new Date()));
    graph.failNext("reset-after");
    const report = await dispatchAt(new Date());
    expect(report.results).toEqual({ unknown: 1 });
    const later = await dispatchAt(new Date(Date.now() + 60_000));
    expect(later.unconfirmedChatsFailed).toBe(1);
    expect(await db.scheduledMessage.findFirstOrThrow({ where: { flow: "auto_reply" } })).toMatchObject({
      status: "failed",
      lastError: expect.stringContaining("not sent again"),
    });
    expect(await db.message.findFirstOrThrow({ where: { direction: "outbound" } })).toMatchObject({
      deliveryStatus: "failed",
    });
    expect(graph.sent).toHaveLength(1);
  });
});
