import { beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/shopify/route";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { settleBackgroundWork } from "@/lib/http/run-after-response";
import { ERASED_TEXT } from "@/lib/privacy/erase-customer";
import { removeExpiredMessageBodies } from "@/lib/privacy/retention";
import { updateDataSettings } from "@/lib/settings/update-data-settings";
import { makeCustomer, makeShopSettings } from "../support/factories";
import { fixture, shopifyRequest } from "../support/shopify";

beforeEach(async () => {
  await settleBackgroundWork();
  await truncateAllTables();
});

const NOW = new Date("2026-11-30T12:00:00Z");
const settingsRow = () => db.shopSettings.findUniqueOrThrow({ where: { id: 1 } });

async function messageAt(conversationId: string, createdAt: Date, text: string) {
  return db.message.create({
    data: {
      conversationId,
      direction: "inbound",
      channel: "email",
      authorType: "customer",
      subject: `About ${text}`,
      textBody: text,
      strippedText: text,
      htmlBody: `<p>${text}</p>`,
      deliveryStatus: "received",
      createdAt,
      attachments: {
        create: {
          filename: `${text}.pdf`,
          contentType: "application/pdf",
          size: 3,
          content: new Uint8Array([1, 2, 3]),
        },
      },
    },
  });
}

describe("retention", () => {
  it("removes only the bodies and attachments older than the setting, in batches that resume where they stopped", async () => {
    await makeShopSettings({ retentionMonths: 12 });
    const customer = await makeCustomer();
    const conversation = await db.conversation.create({
      data: { customerId: customer.id, mailboxHash: "h", status: "open", lastMessageAt: NOW },
    });
    const old = await messageAt(conversation.id, new Date("2025-10-01T00:00:00Z"), "old");
    const edge = await messageAt(conversation.id, new Date("2025-11-30T12:00:01Z"), "edge"); // a second inside the year
    const recent = await messageAt(conversation.id, new Date("2026-11-01T00:00:00Z"), "recent");

    expect(await removeExpiredMessageBodies(await settingsRow(), NOW)).toBe(1);
    expect(await db.message.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({
      textBody: ERASED_TEXT,
      strippedText: null,
      htmlBody: null,
      subject: "About old",
    });
    for (const kept of [edge, recent])
      expect(await db.message.findUniqueOrThrow({ where: { id: kept.id } })).toMatchObject({
        textBody: kept.textBody,
        htmlBody: kept.htmlBody,
      });
    expect(
      (await db.attachment.findMany({ select: { filename: true }, orderBy: { filename: "asc" } })).map(
        (a) => a.filename,
      ),
    ).toEqual(["edge.pdf", "recent.pdf"]);
    expect(await db.message.count()).toBe(3);
    // The watermark moved to the cutoff: the next run reads nothing until time passes.
    expect((await settingsRow()).retentionRedactedBefore).toEqual(new Date("2025-11-30T12:00:00Z"));
    expect(await removeExpiredMessageBodies(await settingsRow(), NOW)).toBe(0);
    expect(await removeExpiredMessageBodies(await settingsRow(), new Date("2026-12-01T00:00:00Z"))).toBe(1);
    expect(await db.message.findUniqueOrThrow({ where: { id: edge.id } })).toMatchObject({ textBody: ERASED_TEXT });
  });

  it("drops stored data exports after 30 days, even when bodies are kept forever", async () => {
    await makeShopSettings({ retentionMonths: null });
    const day = 86_400_000;
    await db.privacyRequest.createMany({
      data: [
        {
          id: "old-export",
          kind: "export",
          source: "admin",
          completedAt: new Date(NOW.getTime() - 31 * day),
          export: { customers: [] },
        },
        {
          id: "new-export",
          kind: "export",
          source: "admin",
          completedAt: new Date(NOW.getTime() - 29 * day),
          export: { customers: [] },
        },
      ],
    });
    await removeExpiredMessageBodies(await settingsRow(), NOW);
    expect(await db.privacyRequest.findMany({ select: { id: true, export: true }, orderBy: { id: "asc" } })).toEqual([
      { id: "new-export", export: { customers: [] } },
      { id: "old-export", export: null },
    ]);
  });

  it("keeps everything when the setting is empty (forever)", async () => {
    await makeShopSettings({ retentionMonths: null });
    const customer = await makeCustomer();
    const conversation = await db.conversation.create({
      data: { customerId: customer.id, mailboxHash: "h", status: "open", lastMessageAt: NOW },
    });
    await messageAt(conversation.id, new Date("2016-01-01T00:00:00Z"), "ancient");
    expect(await removeExpiredMessageBodies(await settingsRow(), NOW)).toBe(0);
    expect(await db.message.findFirstOrThrow()).toMatchObject({ textBody: "ancient" });
  });

  it("goes through a long history batch by batch, many messages sharing one instant included", async () => {
    await makeShopSettings({ retentionMonths: 1 });
    const customer = await makeCustomer();
    const conversation = await db.conversation.create({
      data: { customerId: customer.id, mailboxHash: "h", status: "open", lastMessageAt: NOW },
    });
    const sameInstant = new Date("2026-01-01T00:00:00Z");
    await db.message.createMany({
      data: Array.from({ length: 620 }, (_, i) => ({
        conversationId: conversation.id,
        direction: "inbound" as const,
        channel: "email" as const,
        authorType: "customer" as const,
        textBody: `body ${i}`,
        deliveryStatus: "received" as const,
        createdAt: i < 550 ? sameInstant : new Date(sameInstant.getTime() + i * 1000),
      })),
    });
    let runs = 0;
    while ((await db.message.count({ where: { textBody: { not: ERASED_TEXT } } })) > 0 && runs < 10) {
      await removeExpiredMessageBodies(await settingsRow(), NOW);
      runs++;
    }
    expect(runs).toBeGreaterThan(1);
    expect(await db.message.count({ where: { textBody: ERASED_TEXT } })).toBe(620);
  });
});

describe("consent proof", () => {
  it("stores the shop's checkout wording, in the customer's language, with a Shopify checkbox consent", async () => {
    await makeShopSettings();
    const admin = await db.user.create({
      data: { email: "admin@shop.test", name: "Admin", role: "admin", passwordHash: "x" },
    });
    await updateDataSettings(
      {
        retentionMonths: 24,
        smsConsentWordingEn: "Texts about my order and one review request. STOP to end.",
        smsConsentWordingFr: "Des SMS sur ma commande et une demande d'avis. STOP pour arrêter.",
      },
      admin.id,
    );
    const checkout = fixture("shopify/checkout-update.json");
    expect((await POST(shopifyRequest("checkouts/update", checkout))).status).toBe(200);
    // The fixture's customer writes in French.
    expect(await db.consentEvent.findFirstOrThrow({ where: { channel: "sms", change: "granted" } })).toMatchObject({
      source: "shopify_checkout",
      wording: "Des SMS sur ma commande et une demande d'avis. STOP pour arrêter.",
      address: "+33612345678",
    });
    expect(await db.phoneNumber.findUniqueOrThrow({ where: { number: "+33612345678" } })).toMatchObject({
      consentWording: "Des SMS sur ma commande et une demande d'avis. STOP pour arrêter.",
    });
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "settings.data_updated" } })).toMatchObject({
      actorUserId: admin.id,
    });
  });
});
