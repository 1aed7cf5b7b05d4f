import { expect, test } from "@playwright/test";
import pg from "pg";
import { refuseMessagesContaining } from "../../tests/support/failing-database";
import { databaseUrlFor } from "../../tests/support/test-database";
import { E2E } from "../support/e2e-env";
import { signInAs } from "../support/sign-in";
import { postTwilioSms } from "../support/webhooks";

const BASE = E2E.postgres.baseURL;

test("an admin sees a failed delivery on Connections, replays it after confirming, and it is applied once", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const marker = `disk_full_${Date.now()}`;
  const params = {
    MessageSid: `SM${Date.now()}replay`,
    AccountSid: E2E.secrets.TWILIO_ACCOUNT_SID,
    From: `+336${String(Date.now()).slice(-8)}`,
    To: E2E.secrets.TWILIO_FROM_NUMBER,
    Body: `Mon colis n'est jamais arrivé ${marker}`,
  };
  const deliver = () => postTwilioSms(request, params);

  // The database refuses to store this SMS (as a full disk would): Twilio gets a 500 and, for an
  // inbound SMS, never tries again.
  const client = new pg.Client({ connectionString: databaseUrlFor(E2E.postgres.database) });
  await client.connect();
  const restore = await refuseMessagesContaining((sql) => client.query(sql), marker);
  try {
    expect((await deliver()).status()).toBe(500);
  } finally {
    await restore();
    await client.end();
  }

  await signInAs(page, "admin");
  await page.getByRole("link", { name: "Connections" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
  // Twilio's SMS endpoint counts the failure, and gives the URL to paste in its console.
  const twilioSection = page.getByTestId("provider-twilio");
  await expect(twilioSection.getByTestId("webhook-topic").filter({ hasText: "sms" })).toContainText(/[1-9]\d* in 24 h/);
  await twilioSection.getByText("Set up in the provider's console").click();
  await expect(twilioSection.getByRole("textbox", { name: "twilio.sms" })).toHaveValue(
    `${BASE}/api/webhooks/twilio/sms`,
  );

  const failure = page
    .getByTestId("webhook-failure")
    .filter({ hasText: "twilio · sms" })
    .filter({ hasText: "No space left on device" })
    .first();
  await expect(failure).toContainText("failed while applied");

  // Replay asks first; cancelling changes nothing.
  await failure.getByRole("button", { name: "Replay…" }).click();
  await expect(failure.getByText("Apply this delivery again now?")).toBeVisible();
  await failure.getByRole("button", { name: "Cancel" }).click();
  await failure.getByRole("button", { name: "Replay…" }).click();
  await failure.getByRole("button", { name: "Replay now" }).click();
  await expect(failure).toContainText(/Replayed by .+ on .+: applied\./);
  await expect(failure.getByRole("button", { name: "Replay…" })).toHaveCount(0);

  // Applied once: one conversation with the message. Twilio's redelivery changes nothing.
  expect((await deliver()).status()).toBe(200);
  await page.goto("/inbox?view=all_open");
  const row = page.getByTestId("conversation-row").filter({ hasText: marker });
  await expect(row).toHaveCount(1, { timeout: 20_000 });
  await row.click();
  await expect(page.getByTestId("thread-message").filter({ hasText: marker })).toHaveCount(1);

  // The audit log says who replayed what.
  await page.goto("/audit?action=webhook.replayed");
  await expect(page.getByTestId("audit-entry").first()).toContainText("webhook.replayed");
  await expect(page.getByTestId("audit-entry").first()).toContainText('"outcome":"applied"');
});
