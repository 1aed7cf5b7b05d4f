import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { fetchSentByFake, type GraphSent } from "@/tools/fake-providers";
import { mailFromCustomer } from "../support/customer-mail";
import { E2E } from "../support/e2e-env";
import { signInAs } from "../support/sign-in";
import { postMeta, postShopify, postTwilioSms } from "../support/webhooks";

// Issue #19 from the agent's side: an Instagram DM answered in the inbox goes out through Meta's
// Send API (the fake Graph API), and once the person is linked to a customer we know, one thread
// holds their email, SMS and Instagram messages in order.

const INSTAGRAM_ACCOUNT = "17841400008460056";

async function instagramDm(request: APIRequestContext, personId: string, text: string) {
  const at = Date.now();
  const response = await postMeta(request, {
    object: "instagram",
    entry: [
      {
        id: INSTAGRAM_ACCOUNT,
        time: at,
        messaging: [
          {
            sender: { id: personId },
            recipient: { id: INSTAGRAM_ACCOUNT },
            timestamp: at,
            message: { mid: `aWdf${randomUUID()}`, text },
          },
        ],
      },
    ],
  });
  expect(response.status()).toBe(200);
}

/** A customer we know by email and phone (a Shopify checkout), who mailed and then texted us. */
async function knownCustomer(request: APIRequestContext, run: number) {
  const checkout = JSON.parse(readFileSync("tests/fixtures/shopify/checkout-update.json", "utf8"));
  const email = `camille.${run}@example.fr`;
  const phone = `+336${String(run).slice(-8)}`;
  const payload = {
    ...checkout,
    id: run,
    token: `tok${run}`,
    email,
    phone,
    sms_marketing_phone: phone,
    customer: { ...checkout.customer, id: run, email, phone, first_name: "Camille", last_name: `Martin ${run}` },
  };
  expect((await postShopify(request, "checkouts/update", payload)).status()).toBe(200);
  await mailFromCustomer(request, {
    messageId: `camille-mail-${run}`,
    email,
    name: "Camille Martin",
    subject: `Commande ${run}`,
    text: `Bonjour, ma commande ${run} est-elle partie ?`,
  });
  const params = {
    MessageSid: `SM${run}ig`,
    AccountSid: E2E.secrets.TWILIO_ACCOUNT_SID,
    From: phone,
    To: E2E.secrets.TWILIO_FROM_NUMBER,
    Body: `Je précise : la commande ${run} est pour un cadeau.`,
  };
  expect((await postTwilioSms(request, params)).status()).toBe(200);
  return email;
}

test("an agent answers an Instagram DM, links the person to a customer we know, and reads one thread across channels", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const run = Date.now();
  const personId = `1${String(run).slice(-12)}`;
  const email = await knownCustomer(request, run);
  await instagramDm(request, personId, `Hello! Does the Moon lamp fit on a bedside table? (${run})`);

  await signInAs(page, "agent");
  await page.goto("/inbox?view=all_open");
  const row = page.getByTestId("conversation-row").filter({ hasText: `bedside table? (${run})` });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText("◎");
  await row.click();

  // The composer answers where the customer wrote: Instagram, plain text, counted.
  await expect(page.getByRole("radio", { name: "Instagram" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "Email" })).toBeDisabled();
  const answer = `Yes: it is 28 cm tall and 15 cm wide, it fits. Merci, à bientôt (${run}).`;
  await page.getByLabel("Your reply to the customer").fill(answer);
  // Instagram counts UTF-8 bytes: "à" and "ô" take two each.
  await expect(page.getByTestId("chat-counter")).toHaveText(
    `${answer.length + 2} / 1000 bytes (an accented letter counts 2, an emoji 4)`,
  );
  await page.getByRole("button", { name: "Send on Instagram" }).click();
  const sent = page.getByTestId("thread-message").filter({ hasText: answer });
  await expect(sent.getByTestId("delivery-status")).toHaveText("sent", { timeout: 15_000 });
  const atMeta = (await fetchSentByFake<GraphSent>(E2E.fakes.graph)).filter((m) =>
    m.message.text.includes(String(run)),
  );
  expect(atMeta).toEqual([
    expect.objectContaining({ recipient: { id: personId }, messaging_type: "RESPONSE", message: { text: answer } }),
  ]);

  // The person is Camille: the agent finds her and links them, after a confirmation.
  const sidebar = page.getByRole("complementary", { name: "Customer" });
  await sidebar.getByRole("button", { name: "This is a customer we know…" }).click();
  await sidebar.getByLabel("Find the customer (name, email or phone)").fill(email);
  const candidate = sidebar.getByTestId("link-candidate").filter({ hasText: email });
  await candidate.getByRole("button", { name: "Link to this customer" }).click();
  await expect(candidate).toContainText("Their conversation joins this customer's latest one");
  await candidate.getByRole("button", { name: "Link", exact: true }).click();

  // One thread: her mail, her text, the DM and its answer, in the order they were written.
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Camille", { timeout: 15_000 });
  const thread = page.getByTestId("thread-message");
  await expect(thread).toHaveCount(4);
  await expect(thread.getByTestId("message-channel")).toHaveText(["✉ Email", "💬 SMS", "◎ Instagram", "◎ Instagram"]);
  await expect(thread.nth(0)).toContainText(`ma commande ${run} est-elle partie`);
  await expect(thread.nth(1)).toContainText(`la commande ${run} est pour un cadeau`);
  await expect(thread.nth(2)).toContainText(`bedside table? (${run})`);
  await expect(thread.nth(3)).toContainText(answer);
  await expect(sidebar.getByTestId("channel-identities")).toContainText(/Linked to this customer on/);
});
