// A demo without Postmark or Twilio (issue #14): the dispatcher sends into the Outbox, deliveries
// come back through the providers' own event handlers, and "reply as the customer" takes the real
// inbound path (threading, keywords, classification, routing).
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { dispatchDueMessages } from "@/lib/jobs/dispatch-due-messages";
import { schedulePostDelivery } from "@/lib/outbound/schedule-post-delivery";
import { listOutbox } from "@/lib/outbox/list-outbox";
import { replyAsCustomer, replyAsCustomerSchema } from "@/lib/outbox/reply-as-customer";
import { ensureDefaultTemplates } from "@/lib/templates/ensure-default-templates";
import { makeCustomer, makeOrder, makeShopSettings, smsStateOfNumber } from "../support/factories";
import { withProviderEnv } from "../support/test-env";

withProviderEnv(() => ({ DEMO_MODE: "true", APP_URL: "http://localhost:3000" }));

const DAY = 24 * 3600_000;
const deliveredAt = new Date("2026-11-26T13:05:31Z");
const at = (ms: number) => () => new Date(deliveredAt.getTime() + ms);

beforeEach(async () => {
  await truncateAllTables();
  await makeShopSettings();
  await ensureDefaultTemplates();
});

async function deliveredOrder() {
  const customer = await makeCustomer({
    firstName: "Camille",
    email: "camille@example.test",
    phone: "+33612345678",
    smsConsentAt: new Date("2026-11-20"),
    timeZone: "Europe/Paris",
    locale: "fr",
  });
  const order = await makeOrder(customer.id, { deliveredAt });
  await db.$transaction((tx) => schedulePostDelivery(order.id, tx));
  return customer;
}

describe("the demo's Outbox", () => {
  it("receives what the dispatcher sends, as the provider would, and reports it delivered on the next run", async () => {
    await deliveredOrder();
    expect((await dispatchDueMessages({ now: at(DAY) })).results).toEqual({ sent: 1 });
    const [checkIn] = await db.outboxMessage.findMany();
    expect(checkIn).toMatchObject({
      channel: "email",
      toAddress: "camille@example.test",
      subject: "Votre commande est bien arrivée ?",
      deliveredAt: null,
    });
    expect(checkIn!.providerMessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(checkIn!.headers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click" }),
      ]),
    );
    const message = await db.message.findUniqueOrThrow({ where: { providerMessageId: checkIn!.providerMessageId } });
    expect(message).toMatchObject({ deliveryStatus: "sent", direction: "outbound" });

    await dispatchDueMessages({ now: at(DAY + 60_000) });
    expect(await db.message.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      deliveryStatus: "delivered",
      deliveredAt: at(DAY + 60_000)(),
    });
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: checkIn!.id } })).deliveredAt).toEqual(
      at(DAY + 60_000)(),
    );

    const { entries, total } = await listOutbox();
    expect(total).toBe(1);
    expect(entries[0]).toMatchObject({
      conversationId: message.conversationId,
      customerName: "Camille",
      origin: { flow: "post_delivery", step: "day1" },
      hasHtml: true,
    });
  });

  it("takes a customer's email answer through the real inbound path: same thread, classified, routed to a person", async () => {
    await deliveredOrder();
    await dispatchDueMessages({ now: at(DAY) });
    const checkIn = await db.outboxMessage.findFirstOrThrow();
    const result = await replyAsCustomer(
      { outboxMessageId: checkIn.id, text: "Bonjour, le pot est arrivé fêlé et la cire a coulé dans le carton." },
      at(DAY + 3_600_000)(),
    );
    const sent = await db.message.findUniqueOrThrow({ where: { providerMessageId: checkIn.providerMessageId } });
    expect(result.conversationId).toBe(sent.conversationId);
    expect(result.labels).toEqual({ sentiment: "negative", intent: "problem" });
    const reply = await db.message.findUniqueOrThrow({ where: { id: result.messageId! } });
    expect(reply).toMatchObject({
      direction: "inbound",
      channel: "email",
      fromAddress: "camille@example.test",
      senderCheck: "pass",
      createdAt: at(DAY + 3_600_000)(),
    });
    expect(reply.inReplyTo).toBe(sent.emailMessageId);
    expect(await db.conversation.findUniqueOrThrow({ where: { id: sent.conversationId } })).toMatchObject({
      status: "open",
      needsHuman: true,
    });
  });

  it("treats a STOP by SMS as Twilio would: the number opts out and the French confirmation shows in the Outbox", async () => {
    const customer = await deliveredOrder();
    await dispatchDueMessages({ now: at(5 * DAY) });
    const sms = await db.outboxMessage.findFirstOrThrow({ where: { channel: "sms" } });
    expect(sms.textBody).toMatch(/^Camille, ici Léa d'Atelier Lune\. .* STOP SMS$/);
    const result = await replyAsCustomer({ outboxMessageId: sms.id, text: "ARRET" }, at(5 * DAY + 60_000)());
    expect((await smsStateOfNumber(customer.phone!))?.optedOutAt).toEqual(at(5 * DAY + 60_000)());
    expect(result.answer).toBeTruthy();
    const confirmation = await db.outboxMessage.findFirstOrThrow({
      where: { channel: "sms", toAddress: customer.phone!, textBody: result.answer! },
    });
    expect(confirmation.metadata).toEqual({ purpose: "keyword_answer" });
  });

  it("refuses an answer to a message that is not in the Outbox, and an empty answer", async () => {
    await expect(replyAsCustomer({ outboxMessageId: "missing", text: "Hello" })).rejects.toMatchObject({
      code: "not_found",
    });
    const empty = replyAsCustomerSchema.safeParse({ outboxMessageId: "x", text: "   " });
    expect(empty.success ? null : empty.error.issues[0]!.message).toBe(
      "Write the customer's answer, or pick one of the ready answers.",
    );
  });
});
