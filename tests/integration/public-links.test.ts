import { beforeEach, describe, expect, it } from "vitest";
import { GET as followLink } from "@/app/r/[token]/route";
import { GET as unsubscribeGet, POST as unsubscribePost } from "@/app/u/[token]/route";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { createUnsubscribeToken } from "@/lib/consent/unsubscribe-token";
import { makeCustomer, makeShopSettings } from "../support/factories";
import { withProviderEnv } from "../support/test-env";

// A link secret rotated away from is still accepted while listed in LINK_SECRETS_PREVIOUS.
const ROTATED_LINK_SECRET = "link-secret-before-the-rotation-0123456789";
withProviderEnv(() => ({ LINK_SECRETS_PREVIOUS: ROTATED_LINK_SECRET }));

beforeEach(async () => {
  await truncateAllTables();
  await makeShopSettings();
});

const params = (token: string) => ({ params: Promise.resolve({ token }) });

describe("GET /r/<token>", () => {
  it("records the click and redirects to the review page", async () => {
    const customer = await makeCustomer();
    await db.trackedLink.create({
      data: {
        token: "abc123",
        kind: "review",
        targetUrl: "https://shop.example/avis?utm_medium=sms",
        customerId: customer.id,
      },
    });
    const response = await followLink(
      new Request("http://localhost/r/abc123", { headers: { "user-agent": "Mobile Safari" } }),
      params("abc123"),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("https://shop.example/avis?utm_medium=sms");
    expect(await db.linkClick.findMany({ select: { userAgent: true } })).toEqual([{ userAgent: "Mobile Safari" }]);
  });

  it("answers 404 for an unknown token, in the browser's language", async () => {
    expect((await followLink(new Request("http://localhost/r/nope"), params("nope"))).status).toBe(404);
    const french = await followLink(
      new Request("http://localhost/r/nope", { headers: { "accept-language": "fr-FR" } }),
      params("nope"),
    );
    expect(await french.text()).toBe("Ce lien n'est pas valide.");
  });
});

describe("/u/<token>", () => {
  async function customerWithPendingMail() {
    const customer = await makeCustomer();
    await db.scheduledMessage.create({
      data: {
        flow: "post_delivery",
        step: "day5",
        channel: "email",
        customerId: customer.id,
        dueAt: new Date(),
        idempotencyKey: `k-${customer.id}`,
      },
    });
    await db.scheduledMessage.create({
      data: {
        flow: "sms_review_request",
        step: "review",
        channel: "sms",
        customerId: customer.id,
        dueAt: new Date(),
        idempotencyKey: `s-${customer.id}`,
      },
    });
    return { customer, token: createUnsubscribeToken(customer.id, process.env.LINK_SECRET!) };
  }

  it("shows a confirmation button on GET and changes nothing, so link scanners cannot unsubscribe anyone", async () => {
    const { customer, token } = await customerWithPendingMail();
    const response = await unsubscribeGet(new Request(`http://localhost/u/${token}`), params(token));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`<form method="post" action="/u/${token}">`);
    expect(html).toContain("Atelier Lune");
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).emailUnsubscribedAt).toBeNull();
  });

  it("unsubscribes on POST (RFC 8058 one-click too), cancels pending email, keeps SMS, and is idempotent", async () => {
    const { customer, token } = await customerWithPendingMail();
    const oneClick = new Request(`http://localhost/u/${token}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect((await unsubscribePost(oneClick, params(token))).status).toBe(200);
    expect(
      (await unsubscribePost(new Request(`http://localhost/u/${token}`, { method: "POST" }), params(token))).status,
    ).toBe(200);
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).emailUnsubscribedAt).not.toBeNull();
    expect(await db.consentEvent.findMany({ select: { channel: true, change: true, source: true } })).toEqual([
      { channel: "email", change: "revoked", source: "unsubscribe_link" },
    ]);
    expect(
      (await db.scheduledMessage.findMany({ orderBy: { channel: "asc" } })).map((m) => `${m.channel}:${m.status}`),
    ).toEqual(["email:cancelled", "sms:scheduled"]);
  });

  it("speaks the customer's language, and the browser's when the link names nobody", async () => {
    const { token } = await customerWithPendingMail();
    const french = await (await unsubscribeGet(new Request(`http://localhost/u/${token}`), params(token))).text();
    expect(french).toContain('<html lang="fr">');
    expect(french).toContain("Me désabonner");

    const english = await makeCustomer({ locale: "en" });
    const englishToken = createUnsubscribeToken(english.id, process.env.LINK_SECRET!);
    const englishPage = await (
      await unsubscribeGet(
        new Request(`http://localhost/u/${englishToken}`, { headers: { "accept-language": "fr-FR" } }),
        params(englishToken),
      )
    ).text();
    expect(englishPage).toContain("Unsubscribe from Atelier Lune emails?");

    const invalid = await unsubscribeGet(
      new Request("http://localhost/u/nope", { headers: { "accept-language": "fr-CA,fr;q=0.9" } }),
      params("nope"),
    );
    expect(invalid.status).toBe(404);
    expect(await invalid.text()).toContain("Ce lien n'est pas valide");
  });

  it("keeps links signed before a rotation working, and never accepts the session secret", async () => {
    const { customer } = await customerWithPendingMail();
    const signedWithAuthSecret = createUnsubscribeToken(customer.id, process.env.AUTH_SECRET!);
    expect(
      (
        await unsubscribePost(
          new Request(`http://localhost/u/${signedWithAuthSecret}`, { method: "POST" }),
          params(signedWithAuthSecret),
        )
      ).status,
    ).toBe(404);
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).emailUnsubscribedAt).toBeNull();
    const beforeRotation = createUnsubscribeToken(customer.id, ROTATED_LINK_SECRET);
    expect(
      (
        await unsubscribePost(
          new Request(`http://localhost/u/${beforeRotation}`, { method: "POST" }),
          params(beforeRotation),
        )
      ).status,
    ).toBe(200);
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).emailUnsubscribedAt).not.toBeNull();
  });

  it("refuses a forged token and changes nothing", async () => {
    const { customer } = await customerWithPendingMail();
    const forged = `${customer.id}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
    expect(
      (await unsubscribePost(new Request(`http://localhost/u/${forged}`, { method: "POST" }), params(forged))).status,
    ).toBe(404);
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).emailUnsubscribedAt).toBeNull();
  });
});
