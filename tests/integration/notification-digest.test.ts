import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { createUser } from "@/lib/users/create-user";
import { withFakeProviders } from "../support/fake-provider-env";
import { makeCustomer, makeShopSettings } from "../support/factories";

const { sendNotificationDigests, setEmailDigest } = await import("@/lib/notifications/notification-digest");

const fakes = withFakeProviders();

beforeEach(async () => {
  await truncateAllTables();
  await makeShopSettings();
});

// 2026-11-30, Paris is UTC+1: 8:00 in Paris is 07:00Z.
const at = (iso: string) => new Date(iso);

async function setup() {
  const lea = await createUser({ email: "lea@shop.test", name: "Léa", role: "agent", password: "a-long-password" });
  const sofia = await createUser({
    email: "sofia@shop.test",
    name: "Sofia",
    role: "agent",
    password: "a-long-password",
  });
  await db.user.update({ where: { id: lea.id }, data: { timeZone: "Europe/Paris", locale: "fr" } });
  const customer = await makeCustomer({ firstName: "Élodie", email: "elodie@example.fr" });
  const conversation = await db.conversation.create({
    data: { customerId: customer.id, mailboxHash: "h1", lastMessageAt: at("2026-11-29T18:00:00Z") },
  });
  return { lea, sofia, conversation };
}

describe("the daily email digest of notifications", () => {
  it("sends a teammate who turned it on their unread notifications at 8:00 their time, once a day, in their language", async () => {
    const { lea, sofia, conversation } = await setup();
    await setEmailDigest(lea.id, true);
    await db.notification.createMany({
      data: [
        {
          userId: lea.id,
          kind: "assigned",
          conversationId: conversation.id,
          actorUserId: sofia.id,
          createdAt: at("2026-11-29T17:00:00Z"),
        },
        {
          userId: lea.id,
          kind: "mentioned",
          conversationId: conversation.id,
          actorUserId: sofia.id,
          createdAt: at("2026-11-29T18:00:00Z"),
        },
        // Already read: not in it.
        {
          userId: lea.id,
          kind: "customer_replied",
          conversationId: conversation.id,
          createdAt: at("2026-11-29T19:00:00Z"),
          readAt: at("2026-11-29T19:05:00Z"),
        },
      ],
    });
    expect(await sendNotificationDigests(at("2026-11-30T06:59:00Z"))).toBe(0);
    expect(await sendNotificationDigests(at("2026-11-30T07:01:00Z"))).toBe(1);
    expect(await sendNotificationDigests(at("2026-11-30T12:00:00Z"))).toBe(0);
    expect(fakes.postmark.sent).toHaveLength(1);
    const mail = fakes.postmark.sent[0]!;
    expect(mail.To).toBe("lea@shop.test");
    expect(mail.Subject).toContain("ce qui vous attend dans Reply Inbox");
    expect(mail.TextBody).toContain(
      `- Sofia vous a assigné la conversation avec Élodie : https://inbox.atelier-lune.example/inbox/${conversation.id}`,
    );
    expect(mail.TextBody).toContain("Sofia vous a mentionné dans une note sur Élodie");
    expect(mail.TextBody).not.toContain("a répondu");
    expect(mail.HtmlBody).toContain(`<a href="https://inbox.atelier-lune.example/inbox/${conversation.id}">`);

    // The next morning: only what came since, and nothing at all when nothing did.
    await db.notification.create({
      data: {
        userId: lea.id,
        kind: "customer_replied",
        conversationId: conversation.id,
        createdAt: at("2026-11-30T15:00:00Z"),
      },
    });
    expect(await sendNotificationDigests(at("2026-12-01T07:30:00Z"))).toBe(1);
    const next = fakes.postmark.sent[1]!;
    expect(next.TextBody).toContain("Élodie a répondu dans votre conversation");
    expect(next.TextBody).not.toContain("assigné");
    expect(await sendNotificationDigests(at("2026-12-02T07:30:00Z"))).toBe(0);
  });

  it("tries again at the next run when Postmark refused the digest", async () => {
    const { lea, sofia, conversation } = await setup();
    await setEmailDigest(lea.id, true);
    await db.notification.create({
      data: {
        userId: lea.id,
        kind: "assigned",
        conversationId: conversation.id,
        actorUserId: sofia.id,
        createdAt: at("2026-11-30T06:00:00Z"),
      },
    });
    fakes.postmark.failNext({ status: 500, body: { ErrorCode: 0, Message: "down" } });
    expect(await sendNotificationDigests(at("2026-11-30T07:05:00Z"))).toBe(0);
    expect(await sendNotificationDigests(at("2026-11-30T07:10:00Z"))).toBe(1);
    expect(fakes.postmark.sent.at(-1)!.TextBody).toContain("Sofia vous a assigné");
  });

  it("sends nothing to a teammate who did not turn it on, or who was deactivated", async () => {
    const { lea, sofia, conversation } = await setup();
    await db.notification.create({
      data: {
        userId: sofia.id,
        kind: "assigned",
        conversationId: conversation.id,
        actorUserId: lea.id,
        createdAt: at("2026-11-30T06:00:00Z"),
      },
    });
    expect(await sendNotificationDigests(at("2026-11-30T09:00:00Z"))).toBe(0);
    await setEmailDigest(sofia.id, true);
    await db.user.update({ where: { id: sofia.id }, data: { deactivatedAt: at("2026-11-29T00:00:00Z") } });
    expect(await sendNotificationDigests(at("2026-11-30T09:00:00Z"))).toBe(0);
    expect(fakes.postmark.sent).toHaveLength(0);
  });
});
