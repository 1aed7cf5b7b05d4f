import { expect, test } from "@playwright/test";
import { fetchSentByFake, type PostmarkSent, type TwilioSent } from "@/tools/fake-providers";
import { E2E } from "../support/e2e-env";
import { signInAs } from "../support/sign-in";
import { postPostmarkInbound } from "../support/webhooks";

const BASE = E2E.postgres.baseURL;

test("an agent's day: a new mail arrives, is answered by email and SMS, noted, assigned, snoozed, marked, sent a review link and closed", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const run = Date.now();
  const inboundId = `<chloe-${run}@mail.example.be>`;

  await signInAs(page, "agent");
  await expect(page.getByRole("link", { name: /Needs human/ })).toHaveAttribute("aria-current", "page");

  // A customer's mail arrives while the list is open: it shows up without a reload.
  const delivered = await postPostmarkInbound(request, {
    MessageID: `inbound-${run}`,
    FromFull: { Email: "chloe.petit@example.be", Name: "Chloé Petit" },
    To: "reply@inbound.e2e.test",
    Subject: `Colis ${run}`,
    TextBody: `Bonjour, ma commande n'est pas arrivée et le suivi ne bouge plus depuis une semaine. Pouvez-vous m'aider ? (${run})`,
    Headers: [{ Name: "Message-ID", Value: inboundId }],
    Attachments: [],
  });
  expect(delivered.status()).toBe(200);
  const row = page.getByTestId("conversation-row").filter({ hasText: String(run) });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Chloé Petit");

  // Reply by email: it threads under the customer's mail in their client.
  await page
    .getByLabel("Your reply to the customer")
    .fill("Bonjour Chloé, je regarde tout de suite avec le transporteur et je reviens vers vous aujourd'hui.");
  await page.getByRole("button", { name: "Send email" }).click();
  const emailReply = page.getByTestId("thread-message").filter({ hasText: "je regarde tout de suite" });
  await expect(emailReply).toContainText("Sofia Agent");
  // Held for Undo (5 s in the demo's settings), then sent by the server.
  await expect(emailReply.getByTestId("delivery-status")).toHaveText("sent", { timeout: 15_000 });
  const mail = (await fetchSentByFake<PostmarkSent>(E2E.fakes.postmark)).find((m) =>
    m.TextBody.includes("je regarde tout de suite"),
  );
  expect(mail?.To).toBe("chloe.petit@example.be");
  expect(mail?.Headers).toEqual(
    expect.arrayContaining([
      { Name: "In-Reply-To", Value: inboundId },
      expect.objectContaining({ Name: "References", Value: expect.stringContaining(inboundId) }),
    ]),
  );
  expect(mail?.ReplyTo).toMatch(/^reply\+[\w-]+@inbound\.e2e\.test$/);

  // Reply by SMS (she consented at checkout): the counter warns about an emoji.
  await page.getByRole("radio", { name: "SMS" }).check();
  const sms = `Colis localisé, livraison demain 🙂 (${run})`;
  await page.getByLabel("Your reply to the customer").fill(sms);
  await expect(page.getByTestId("sms-counter")).toContainText("UCS-2");
  await page.getByRole("button", { name: "Send SMS" }).click();
  const smsReply = page.getByTestId("thread-message").filter({ hasText: "Colis localisé" });
  await expect(smsReply).toContainText("SMS");
  await expect(smsReply.getByTestId("delivery-status")).toHaveText("sent", { timeout: 15_000 });
  expect((await fetchSentByFake<TwilioSent>(E2E.fakes.twilio)).find((m) => m.body === sms)?.to).toBe("+32470123456");

  // A note, an assignee, a snooze.
  await page.keyboard.press("Escape");
  await page.getByRole("tab", { name: "Internal note (n)" }).click();
  await page.getByLabel("Internal note: only the team sees it").fill("Transporteur relancé, ticket 4471.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByTestId("thread-message").filter({ hasText: "ticket 4471" })).toContainText("Internal note");
  await page.getByRole("button", { name: "Assign to me (a)" }).click();
  await expect(page.getByText("Assigned to you.")).toBeVisible();
  await page.getByLabel("Add a tag").fill("Livraison Retard");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("list", { name: "Tags" })).toContainText("#livraison-retard");

  // Site-wide friction, then a review link by email (any customer may get one).
  await page.getByRole("button", { name: /Mark as site-wide friction/ }).click();
  await page.getByLabel("Friction category").selectOption({ label: "Delivery" });
  await page.getByLabel(/^Note/).fill("Suivi bloqué une semaine chez le transporteur");
  await page.getByRole("button", { name: "Mark friction" }).click();
  await expect(page.getByTestId("friction-mark")).toContainText("Delivery");
  await page.getByRole("button", { name: /Send review link/ }).click();
  await page.getByRole("button", { name: "Send by email" }).click();
  await expect(page.getByText("Review link sent.")).toBeVisible();
  const reviewMail = (await fetchSentByFake<PostmarkSent>(E2E.fakes.postmark))
    .filter((m) => m.To === "chloe.petit@example.be")
    .at(-1);
  expect(reviewMail?.TextBody).toMatch(new RegExp(`${BASE}/r/[\\w-]+`));

  const tomorrow = new Date(Date.now() + 24 * 3600_000);
  const local = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await page.getByLabel("Snooze until (s)").fill(local);
  await page.getByRole("button", { name: "Snooze", exact: true }).click();
  await expect(page.getByText("Snoozed.")).toBeVisible();
  await expect(page.getByTestId("conversation-state")).toContainText("Snoozed until");

  // Close as resolved, with the keyboard: the next conversation of the view opens (or the view).
  const conversationUrl = page.url();
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("e");
  await expect(page).not.toHaveURL(conversationUrl);
  await page.goto(conversationUrl);
  await expect(page.getByRole("button", { name: "Reopen" })).toBeVisible();

  // "?" lists the shortcuts (pressed again if the page was not listening yet: a fresh load hydrates after it shows).
  await expect(async () => {
    await page.keyboard.press("?");
    await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
});

test("a reply that would cross a new customer message is held back and shown first", async ({ page, request }) => {
  const run = Date.now();
  const deliver = (text: string, id: string) =>
    postPostmarkInbound(request, {
      MessageID: id,
      FromFull: { Email: "emma.wilson@example.co.uk", Name: "Emma Wilson" },
      Subject: `Question ${run}`,
      TextBody: text,
      Headers: [],
      Attachments: [],
    });
  const first = await deliver(`Do you ship to Ireland? (${run})`, `first-${run}`);
  const { conversationId } = await first.json();
  await signInAs(page, "agent");
  await page.goto(`/inbox/${conversationId}`);
  await page.getByLabel("Your reply to the customer").fill("Yes we do, shipping is 9€.");
  await deliver(`Never mind, found it in the FAQ! (${run})`, `second-${run}`);
  await page.getByRole("button", { name: "Send email" }).click();
  const warning = page.getByTestId("stale-warning");
  await expect(warning).toContainText("Never mind, found it in the FAQ!");
  expect(
    (await fetchSentByFake<PostmarkSent>(E2E.fakes.postmark)).some((m) => m.TextBody.includes("shipping is 9€")),
  ).toBe(false);
  await page.getByRole("button", { name: "Edit my reply first" }).click();
  await page.getByLabel("Your reply to the customer").fill("Great, glad the FAQ helped!");
  await page.getByRole("button", { name: "Send email" }).click();
  await expect(
    page.getByTestId("thread-message").filter({ hasText: "glad the FAQ helped" }).getByTestId("delivery-status"),
  ).toHaveText("sent");
});
