import { beforeEach, describe, expect, it } from "vitest";
import { POST as shopifyWebhook } from "@/app/api/webhooks/shopify/route";
import { POST as smsWebhook } from "@/app/api/webhooks/twilio/sms/route";
import { db } from "@/lib/db";
import { truncateAllTables } from "@/tools/seed/truncate-all-tables";
import { settleBackgroundWork } from "@/lib/http/run-after-response";
import { makeCustomer, makeShopSettings, setSmsState, smsStateOfNumber } from "../support/factories";
import { fixture, shopifyRequest } from "../support/shopify";
import { withProviderEnv } from "../support/test-env";
import { TWILIO_TEST, twilioFixture, twilioRequest } from "../support/twilio";

// SMS consent belongs to a phone number (#11): a consent for one number never lifts the
// opt-out of another, STOP from a number stops every message to it, and YES/START only undo a
// keyword opt-out, never grant a first consent.

withProviderEnv(() => ({
  APP_URL: TWILIO_TEST.appUrl,
  TWILIO_ACCOUNT_SID: TWILIO_TEST.sid,
  TWILIO_AUTH_TOKEN: TWILIO_TEST.token,
  TWILIO_FROM_NUMBER: TWILIO_TEST.from,
}));
beforeEach(async () => {
  await settleBackgroundWork();
  await truncateAllTables();
  await makeShopSettings();
});

const A = "+33612345678";
const B = "+33687654321";
const inbound = twilioFixture("twilio/inbound-sms.txt");
const sms = async (from: string, body: string) => {
  const response = await smsWebhook(
    twilioRequest("/api/webhooks/twilio/sms", {
      ...inbound,
      MessageSid: `SM${Math.random().toString(16).slice(2).padEnd(32, "0")}`,
      From: from,
      Body: body,
    }),
  );
  await settleBackgroundWork();
  return response;
};

/** The fixture's checkout, by this customer, ticking SMS consent for `phone` at `at`. */
function checkoutWithConsent(email: string, phone: string, at: string) {
  const checkout = fixture<{ customer: Record<string, unknown> } & Record<string, unknown>>(
    "shopify/checkout-update.json",
  );
  return {
    ...checkout,
    token: `tok-${phone}-${at}`,
    email,
    phone,
    updated_at: at,
    customer: { ...checkout.customer, email, phone },
    buyer_accepts_sms_marketing: true,
    sms_marketing_phone: phone,
  };
}

describe("SMS consent per phone number", () => {
  it("keeps a STOP of one number when a later checkout consents with another, and texts the consented one", async () => {
    const customer = await makeCustomer({
      email: "camille.martin@example.net",
      phone: A,
      smsConsentAt: new Date("2026-11-01"),
    });
    await sms(A, "STOP");
    expect((await smsStateOfNumber(A))?.optedOutAt).not.toBeNull();

    const response = await shopifyWebhook(
      shopifyRequest("checkouts/update", checkoutWithConsent("camille.martin@example.net", B, "2026-11-25T10:00:00Z")),
    );
    expect(response.status).toBe(200);

    expect((await smsStateOfNumber(A))?.optedOutAt).not.toBeNull();
    expect(await smsStateOfNumber(B)).toMatchObject({
      customerId: customer.id,
      optedOutAt: null,
      consentAt: new Date("2026-11-25T10:00:00Z"),
    });
    // The number we text is now the one that consented; A stays on record, opted out.
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).phone).toBe(B);
    const events = await db.consentEvent.findMany({
      where: { channel: "sms" },
      orderBy: { createdAt: "asc" },
      select: { change: true, address: true },
    });
    expect(events).toEqual([
      { change: "revoked", address: A },
      { change: "granted", address: B },
    ]);
  });

  it("keeps a keyword STOP through a newer checkbox for the same number, until START comes from it", async () => {
    await makeCustomer({ email: "camille.martin@example.net", phone: A, smsConsentAt: new Date("2026-11-01") });
    await sms(A, "STOP");
    const later = new Date(Date.now() + 60_000).toISOString();
    await shopifyWebhook(
      shopifyRequest("checkouts/update", checkoutWithConsent("camille.martin@example.net", A, later)),
    );
    expect(await smsStateOfNumber(A)).toMatchObject({ consentAt: new Date(later), optedOutBy: "keyword" });
    expect((await smsStateOfNumber(A))?.optedOutAt).not.toBeNull();
    await sms(A, "START");
    expect(await smsStateOfNumber(A)).toMatchObject({ consentAt: new Date(later), optedOutAt: null });
  });

  it("never re-subscribes a number with an older checkbox than its STOP", async () => {
    await makeCustomer({ email: "camille.martin@example.net", phone: A, smsConsentAt: new Date("2026-11-01") });
    await sms(A, "STOP");
    await shopifyWebhook(
      shopifyRequest("checkouts/update", checkoutWithConsent("camille.martin@example.net", A, "2026-11-02T10:00:00Z")),
    );
    expect((await smsStateOfNumber(A))?.optedOutAt).not.toBeNull();
  });

  it("cancels every pending SMS to a number that sends STOP, and none to another number", async () => {
    const stopping = await makeCustomer({ phone: A, smsConsentAt: new Date("2026-11-01") });
    const other = await makeCustomer({ phone: B, smsConsentAt: new Date("2026-11-01") });
    for (const [i, customer] of [stopping, other].entries()) {
      await db.scheduledMessage.create({
        data: {
          flow: "sms_review_request",
          step: "review",
          channel: "sms",
          customerId: customer.id,
          dueAt: new Date(),
          idempotencyKey: `sms-${i}`,
        },
      });
    }
    await sms(A, "Stop");
    const statuses = await db.scheduledMessage.findMany({
      orderBy: { idempotencyKey: "asc" },
      select: { status: true },
    });
    expect(statuses).toEqual([{ status: "cancelled" }, { status: "scheduled" }]);
  });

  it("lets a bare YES undo a keyword STOP, restoring the consent the number had", async () => {
    await makeCustomer({ phone: A, smsConsentAt: new Date("2026-11-01") });
    await sms(A, "STOP");
    await sms(A, "YES");
    expect(await smsStateOfNumber(A)).toMatchObject({ optedOutAt: null, consentAt: new Date("2026-11-01") });
  });

  it("never grants a first consent on a bare YES", async () => {
    await makeCustomer({ phone: A });
    await sms(A, "YES");
    const state = await smsStateOfNumber(A);
    expect(state?.consentAt ?? null).toBeNull();
    expect(await db.consentEvent.count({ where: { change: "granted" } })).toBe(0);
  });

  it("does not let YES undo an opt-out the customer wrote in words", async () => {
    const customer = await makeCustomer({ phone: A, smsConsentAt: new Date("2026-11-01") });
    await setSmsState(A, { smsOptedOutAt: new Date("2026-11-10") }, customer.id);
    await db.phoneNumber.update({ where: { number: A }, data: { optedOutBy: "reply" } });
    await sms(A, "YES");
    expect((await smsStateOfNumber(A))?.optedOutAt).toEqual(new Date("2026-11-10"));
  });

  it("files a text from a customer's second number in that customer's thread", async () => {
    const customer = await makeCustomer({ phone: A });
    await setSmsState(B, { smsConsentAt: new Date("2026-11-01") }, customer.id);
    await sms(B, "Bonjour, c'est encore moi");
    expect(await db.customer.count()).toBe(1);
    expect(await db.message.findFirstOrThrow({ select: { conversation: { select: { customerId: true } } } })).toEqual({
      conversation: { customerId: customer.id },
    });
  });
});
