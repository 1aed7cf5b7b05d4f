import { expect, test, type APIRequestContext } from "@playwright/test";
import { mailFromCustomer } from "../support/customer-mail";
import { E2E } from "../support/e2e-env";
import { DEMO, signInAs } from "../support/sign-in";

/** A customer's mail through the real inbound webhook; its conversation's id. */
const customerMail = (request: APIRequestContext, name: string, run: number) =>
  mailFromCustomer(request, {
    messageId: `wf-${name}-${run}`,
    email: `${name.toLowerCase()}-${run}@example.org`,
    name: `${name} Workflow`,
    subject: `Question ${run}`,
    text: `Hello, a question (${name} ${run})`,
  });

test("inside a conversation: notes show their author, the signature is shown, snooze shows its end, j/k and closing move through the view", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const run = Date.now();
  const older = await customerMail(request, "Olive", run);
  const newer = await customerMail(request, "Nina", run);
  await signInAs(page, "agent");
  await page.goto("/inbox?view=all_open");
  await page.getByTestId("conversation-row").filter({ hasText: `Nina Workflow` }).first().click();
  await expect(page).toHaveURL(`/inbox/${newer}?view=all_open`);

  // The signature that will be appended is shown under the reply box.
  await expect(page.getByTestId("composer-signature")).toContainText(DEMO.agent.name);

  // A note: its author and "Internal note", no channel, no delivery.
  await page.getByRole("tab", { name: "Internal note (n)" }).click();
  await page.getByLabel("Internal note: only the team sees it").fill(`Checked the stock (${run}).`);
  await page.getByRole("button", { name: "Add note" }).click();
  const note = page.getByTestId("thread-message").filter({ hasText: `Checked the stock (${run})` });
  await expect(note.getByTestId("message-author")).toHaveText(DEMO.agent.name);
  await expect(note.getByTestId("internal-note")).toHaveText("Internal note");
  await expect(note).not.toContainText("Email");
  await expect(note.getByTestId("delivery-status")).toHaveCount(0);

  // Snoozed: the end is shown in the header and in the Snoozed list.
  const tomorrow = new Date(Date.now() + 24 * 3600_000);
  await page
    .getByLabel("Snooze until (s)")
    .fill(new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60_000).toISOString().slice(0, 16));
  await page.getByRole("button", { name: "Snooze", exact: true }).click();
  await expect(page.getByTestId("conversation-state")).toContainText("Snoozed until");
  await page.goto("/inbox?view=snoozed");
  await expect(
    page.getByTestId("conversation-row").filter({ hasText: "Nina Workflow" }).getByTestId("snoozed-until"),
  ).toContainText("Snoozed until");

  // A reply to the customer wakes it up.
  await page.goto(`/inbox/${newer}?view=all_open`);
  await page.getByLabel("Your reply to the customer").fill(`Thanks, I'm on it (${run}).`);
  await page.getByRole("button", { name: "Send email" }).click();
  await expect(
    page
      .getByTestId("thread-message")
      .filter({ hasText: `I'm on it (${run})` })
      .getByTestId("delivery-status"),
  ).toHaveText("sent", { timeout: 15_000 }); // held for Undo first
  await expect(page.getByTestId("conversation-state")).toContainText("open");
  await expect(page.getByTestId("conversation-state")).not.toContainText("Snoozed");

  // j/k from inside a conversation (never while typing), then closing moves on.
  await page.getByLabel("Your reply to the customer").fill("j");
  await expect(page).toHaveURL(`/inbox/${newer}?view=all_open`);
  await page.getByLabel("Your reply to the customer").fill("");
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("j");
  // The next one in All open (Olive's, unless another spec's conversation came in between).
  await expect(page).not.toHaveURL(`/inbox/${newer}?view=all_open`);
  await expect(page).toHaveURL(/\/inbox\/[^/?]+\?view=all_open$/);
  await expect(page.getByRole("heading", { level: 1 })).not.toContainText("Nina Workflow");
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("k");
  await expect(page).toHaveURL(`/inbox/${newer}?view=all_open`);
  await page.goto(`/inbox/${older}?view=all_open`);
  await page.getByRole("button", { name: "Close as resolved (e)" }).click();
  await expect(page).not.toHaveURL(new RegExp(older));
  await expect(page).toHaveURL(/\/inbox(\/[^/?]+)?\?view=all_open$/);
});

test("an unknown conversation or address says so in the reader's language, with a way back", async ({
  page,
  browser,
}) => {
  await signInAs(page, "agent");
  await page.goto("/inbox/no-such-conversation");
  await expect(page.getByTestId("not-found")).toContainText("Page not found");
  await page.getByRole("link", { name: "Back to the inbox" }).click();
  await expect(page).toHaveURL(/\/inbox$/);

  const french = await browser.newContext({ locale: "fr-FR", baseURL: E2E.postgres.baseURL });
  const frenchPage = await french.newPage();
  const response = await frenchPage.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(frenchPage.getByTestId("not-found")).toContainText("Page introuvable");
  await expect(frenchPage.getByRole("link", { name: "Retour à la boîte de réception" })).toBeVisible();
  await french.close();
});
