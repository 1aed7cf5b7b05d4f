import { expect, test } from "@playwright/test";
import { E2E } from "../support/e2e-env";
import { signInAs } from "../support/sign-in";
import { postPostmarkInbound, postTwilioSms } from "../support/webhooks";

test("an agent opens Needs human, reads a thread with the customer's context", async ({ page }) => {
  await signInAs(page, "agent");
  await expect(page.getByRole("link", { name: /Needs human \d+/ })).toHaveAttribute("aria-current", "page");
  const row = page.getByTestId("conversation-row").filter({ hasText: "Noah Dupont" });
  await expect(row).toContainText("la page de ma banque ne s'affiche jamais");
  await row.click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Noah Dupont");
  await expect(page.getByTestId("thread-message")).toHaveCount(2);
  await expect(page.getByTestId("thread-message").first()).toContainText("Automatic");
  await expect(page.getByRole("complementary", { name: "Customer" })).toContainText("noah.dupont@example.ca");
  await expect(page.getByTestId("sms-consent")).toContainText("consent");
});

test("a new SMS appears in the open list without a reload", async ({ page, request }) => {
  test.setTimeout(60_000);
  await signInAs(page, "agent");
  await page.goto("/inbox?view=all_open");
  await expect(page.getByRole("link", { name: /All open/ })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("count-all_open")).toHaveText(/^\d+$/);
  const params = {
    MessageSid: `SM${Date.now()}e2e`,
    AccountSid: E2E.secrets.TWILIO_ACCOUNT_SID,
    From: "+33611223344",
    To: E2E.secrets.TWILIO_FROM_NUMBER,
    Body: "Bonjour, une question sur ma commande",
  };
  expect((await postTwilioSms(request, params)).status()).toBe(200);
  await expect(page.getByTestId("conversation-row").filter({ hasText: "une question sur ma commande" })).toBeVisible({
    timeout: 20_000,
  });
  // Other specs open and close conversations at the same time, so the count is checked against the
  // list it came with (one poll answers both), which now holds the new conversation.
  await expect
    .poll(
      async () =>
        (await page.getByTestId("conversation-row").count()) ===
        Number(await page.getByTestId("count-all_open").textContent()),
    )
    .toBe(true);

  // Work it: assign, note, close.
  await page.getByTestId("conversation-row").filter({ hasText: "une question sur ma commande" }).click();
  await page.getByRole("button", { name: "Assign to me (a)" }).click();
  await expect(page.getByText("Assigned to you.")).toBeVisible();
  await expect(page.getByTestId("conversation-state")).toContainText("assigned to Sofia Agent");
  await page.getByRole("tab", { name: "Internal note (n)" }).click();
  await page.getByLabel("Internal note: only the team sees it").fill("Called her back, order ships tomorrow.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByTestId("thread-message").filter({ hasText: "Called her back" })).toContainText(
    "Internal note",
  );
  const conversationUrl = page.url();
  await page.getByRole("button", { name: "Close as resolved (e)" }).click();
  await expect(page).not.toHaveURL(conversationUrl);
  await page.goto(conversationUrl);
  await expect(page.getByRole("button", { name: "Reopen" })).toBeVisible();
});

test("a hostile mail renders without running anything or loading remote images", async ({ page, request }) => {
  const dialogs: string[] = [];
  const trackerRequests: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("request", (r) => {
    if (r.url().includes("tracker.example")) trackerRequests.push(r.url());
  });
  // Script errors. The browser's own reports of what the CSP and the sandbox blocked are the
  // protection working, not errors of the page.
  const errors: string[] = [];
  const blockedByPolicy = /Content Security Policy|^Refused to|^Blocked script execution in 'about:srcdoc'/;
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !blockedByPolicy.test(message.text()))
      errors.push(`${message.text()} (${message.location().url})`);
  });
  const mail = {
    MessageID: `hostile-${Date.now()}`,
    FromFull: { Email: `mallory-${Date.now()}@example.org`, Name: "Mallory Test" },
    Subject: "Invoice",
    TextBody: "Please see the invoice.",
    HtmlBody: `<p>Please see the invoice.</p><script>alert("script")</script><img src="x" onerror="alert('onerror')"><img src="https://tracker.example/pixel.gif"><a href="javascript:alert('link')">invoice</a><svg onload="alert('svg')"></svg>`,
    Headers: [],
    Attachments: [],
  };
  const delivered = await postPostmarkInbound(request, mail);
  expect(delivered.status()).toBe(200);
  const { conversationId } = await delivered.json();

  await signInAs(page, "agent");
  await page.goto(`/inbox/${conversationId}`);
  await page.getByRole("button", { name: "Show formatted mail" }).click();
  const frame = page.frameLocator('iframe[title="Email content"]');
  await expect(frame.getByText("Please see the invoice.")).toBeVisible();
  await expect(frame.locator("script, svg, [onerror]")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Show 1 remote image/ })).toBeVisible();
  expect(dialogs).toEqual([]);
  expect(trackerRequests).toEqual([]);
  expect(errors).toEqual([]);
});
