import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { heartbeat } from "@/lib/inbox/presence";
import { countUnread, listConversations } from "@/lib/inbox/list-conversations";
import { addInternalNote, assignConversation } from "@/lib/inbox/update-conversation";
import { listNotifications, markNotificationsRead, unreadNotificationCount } from "@/lib/notifications/notifications";
import { createUser } from "@/lib/users/create-user";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { makeCustomer } from "../support/factories";

beforeEach(truncateAllTables);

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 30, 9, minutes));

async function team() {
  const sofia = await createUser({
    email: "sofia@shop.test",
    name: "Sofia",
    role: "agent",
    password: "agent-password",
  });
  const marc = await createUser({
    email: "marc@shop.test",
    name: "Marc Petit",
    role: "manager",
    password: "manager-pw-1",
  });
  return { sofia, marc };
}

async function conversationWith(firstName: string) {
  const customer = await makeCustomer({ firstName, email: `${firstName.toLowerCase()}@mail.example` });
  return db.conversation.create({
    data: { customerId: customer.id, mailboxHash: `h-${firstName}`, lastMessageAt: at(0), needsHuman: true },
  });
}

/** A customer's message, stored as the inbound path stores it (the trigger does the rest). */
const customerWrites = (conversationId: string, minute: number, text = "Bonjour") =>
  db.message.create({
    data: {
      conversationId,
      direction: "inbound",
      channel: "email",
      authorType: "customer",
      textBody: text,
      deliveryStatus: "received",
      createdAt: at(minute),
    },
  });

describe("unread conversations", () => {
  it("is unread for a teammate until they open it after the customer's last message, and again when the customer writes", async () => {
    const { sofia, marc } = await team();
    const camille = await conversationWith("Camille");
    const ines = await conversationWith("Inès");
    await customerWrites(camille.id, 1);
    await customerWrites(ines.id, 2);
    expect(await countUnread(sofia.id)).toEqual({ needs_human: 2, mine: 0 });

    // Opening it (the page's heartbeat) reads it, for Sofia only.
    await heartbeat(camille.id, sofia.id, false, at(3));
    expect(await countUnread(sofia.id)).toEqual({ needs_human: 1, mine: 0 });
    expect(await countUnread(marc.id)).toEqual({ needs_human: 2, mine: 0 });
    const rows = (await listConversations({ view: "all_open", userId: sofia.id })).rows;
    expect(Object.fromEntries(rows.map((row) => [row.customerName, row.unread]))).toEqual({
      Camille: false,
      Inès: true,
    });

    // Our own reply does not make it unread; the customer's next message does.
    await db.message.create({
      data: {
        conversationId: camille.id,
        direction: "outbound",
        channel: "email",
        authorType: "staff",
        authorUserId: sofia.id,
        textBody: "Voici",
        deliveryStatus: "sent",
        createdAt: at(4),
      },
    });
    expect((await countUnread(sofia.id)).needs_human).toBe(1);
    await customerWrites(camille.id, 5, "Merci, mais encore une question");
    expect((await countUnread(sofia.id)).needs_human).toBe(2);
    // Assigned to her, it counts in Mine too.
    await db.conversation.update({ where: { id: camille.id }, data: { assigneeId: sofia.id } });
    expect(await countUnread(sofia.id)).toEqual({ needs_human: 2, mine: 1 });

    // A closed conversation is no view's unread.
    await db.conversation.update({ where: { id: ines.id }, data: { status: "closed" } });
    expect(await countUnread(sofia.id)).toEqual({ needs_human: 1, mine: 1 });
  });
});

describe("reading by working on it", () => {
  it("a note written in the conversation reads it for its author", async () => {
    const { sofia, marc } = await team();
    const camille = await conversationWith("Camille");
    await customerWrites(camille.id, 1);
    await addInternalNote(camille.id, "Checked the carrier", sofia.id);
    expect(await countUnread(sofia.id)).toEqual({ needs_human: 0, mine: 0 });
    expect(await countUnread(marc.id)).toEqual({ needs_human: 1, mine: 0 });
  });
});

describe("notifications", () => {
  it("tells the assignee, the mentioned teammate and the assignee when the customer answers; opening the conversation reads them", async () => {
    const { sofia, marc } = await team();
    const camille = await conversationWith("Camille");

    await assignConversation(camille.id, sofia.id, marc.id);
    await addInternalNote(camille.id, "@sofia can you check the 3-D Secure logs? cc @Marc Petit", marc.id);
    await customerWrites(camille.id, 10, "Le paiement a encore échoué");
    // Assigning yourself, or mentioning yourself, tells nobody.
    const paula = await conversationWith("Paula");
    await assignConversation(paula.id, sofia.id, sofia.id);

    const notifications = await listNotifications(sofia.id);
    expect(notifications.map((n) => [n.kind, n.actorName, n.customerName, n.read]).sort()).toEqual([
      ["assigned", "Marc Petit", "Camille", false],
      ["customer_replied", null, "Camille", false],
      ["mentioned", "Marc Petit", "Camille", false],
    ]);
    expect(notifications.find((n) => n.kind === "customer_replied")!.snippet).toBe("Le paiement a encore échoué");
    expect(await listNotifications(marc.id)).toEqual([]);
    expect(await unreadNotificationCount(sofia.id)).toBe(3);

    await heartbeat(camille.id, sofia.id, false, at(11));
    expect(await unreadNotificationCount(sofia.id)).toBe(0);
    await customerWrites(camille.id, 12);
    expect(await unreadNotificationCount(sofia.id)).toBe(1);
    expect(await markNotificationsRead(sofia.id, at(13))).toBe(1);
    expect(await unreadNotificationCount(sofia.id)).toBe(0);
  });

  it("tells nobody when the customer answers an unassigned conversation", async () => {
    await team();
    const camille = await conversationWith("Camille");
    await customerWrites(camille.id, 1);
    expect(await db.notification.count()).toBe(0);
  });
});
