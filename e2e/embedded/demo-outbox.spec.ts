import { expect, test } from "@playwright/test";
import pg from "pg";
import { E2E } from "../support/e2e-env";
import { signInAs } from "../support/sign-in";

// The README's one command on a newcomer's machine: a demo with no Postmark or Twilio account.
// Its messages land in the Outbox, the dispatcher runs inside `npm start`, and a reply written as
// the customer goes through the real inbound path.
test("a newcomer finds the help email and the SMS review request in the Outbox, answers as the customer, and sees the reply classified in the inbox", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInAs(page, "agent");
  await page.getByRole("link", { name: "Outbox (demo)" }).click();
  await expect(page.getByRole("heading", { name: "Outbox", level: 1 })).toBeVisible();

  // An abandoned-checkout help email, as the customer receives it, with its founder's voice.
  const help = page
    .getByTestId("outbox-message")
    .filter({ hasText: /abandoned checkout · help email/i })
    .first();
  await expect(help).toBeVisible();
  await expect(help.getByTestId("outbox-text")).toContainText(/3-D Secure|banque|bank/);
  const html = help.getByRole("link", { name: "Open the email as HTML" });
  const htmlResponse = await page.request.get((await html.getAttribute("href"))!);
  expect(htmlResponse.status()).toBe(200);
  expect(htmlResponse.headers()["content-security-policy"]).toContain("default-src 'none'");

  // The SMS review request: one segment, with its tracked link that works here.
  await page.getByRole("link", { name: "SMS", exact: true }).click();
  await expect(page).toHaveURL(/channel=sms/);
  const sms = page
    .getByTestId("outbox-message")
    .filter({ hasText: /SMS review request · review request/i })
    .first();
  await expect(sms).toContainText("1 segment(s), GSM-7");
  const link = (await sms.getByTestId("outbox-text").textContent())!.match(/http:\/\/localhost:3101\/r\/[\w-]+/)![0];
  const followed = await page.request.get(link, { maxRedirects: 0 });
  expect(followed.status()).toBe(302);

  // The shop texts only 10:00-20:00 in the customer's zone: a suite run in the evening would see
  // the answer held until morning. Open the window all day so the answer comes at once.
  const database = new pg.Client({
    connectionString: `postgresql://postgres:postgres@127.0.0.1:${E2E.embedded.databasePort}/postgres?sslmode=disable`,
  });
  await database.connect();
  await database.query(`UPDATE "ShopSettings" SET "smsWindowStartHour" = 0, "smsWindowEndHour" = 24`);
  await database.end();

  // Answer as the customer: a happy reply, classified at once.
  const replyButton = sms.getByRole("button", { name: /^Reply as / });
  const customer = (await replyButton.textContent())!.replace(/^Reply as /, "");
  await replyButton.click();
  await sms.getByRole("button", { name: "Happy" }).click();
  await sms.getByRole("button", { name: "Send as the customer" }).click();
  const status = sms.getByTestId("customer-reply-status");
  await expect(status).toContainText("Received and classified: positive, praise.");

  // The in-process dispatcher answers a happy SMS with the review link, without anyone running it.
  const autoReply = page
    .getByTestId("outbox-message")
    .filter({ hasText: /automatic reply · review link/i })
    .filter({ hasText: customer });
  await expect(async () => {
    await page.reload();
    await expect(autoReply.first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  // The reply sits in the customer's thread, labelled.
  await autoReply.first().getByRole("link", { name: "Open the conversation" }).click();
  const reply = page
    .getByTestId("thread-message")
    .filter({ hasText: "tout est parfait" })
    .or(page.getByTestId("thread-message").filter({ hasText: "it's perfect" }));
  await expect(reply.first()).toBeVisible();
  await expect(reply.first()).toContainText(/praise|compliment/);
});

test("a real installation has no Outbox", async ({ request }) => {
  // The Outbox page answers only in a demo without providers; outside one it is a 404 (checked
  // in the integration tests), and its HTML route never serves a signed-out visitor.
  const response = await request.get("/api/outbox/anything/html");
  expect(response.status()).toBe(401);
});
