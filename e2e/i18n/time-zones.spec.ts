import { expect, test, type Page } from "@playwright/test";
import { E2E } from "../support/e2e-env";
import { expectNoEnglish } from "../support/expect-no-english";
import { DEMO } from "../support/sign-in";
import { postTwilioSms } from "../support/webhooks";

// A French browser in Tokyo, against a server in UTC and a shop in Paris: three zones, one rule.
test.use({ locale: "fr-FR", timezoneId: "Asia/Tokyo" });

// Script errors and React's hydration errors (#418 and co.). The browser's reports of what the CSP
// and the mail sandbox blocked are the protection working, not errors of the page.
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  const blockedByPolicy = /Content Security Policy|^Refused to|^Blocked script execution in 'about:srcdoc'/;
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !blockedByPolicy.test(message.text()))
      errors.push(`${message.text()} (${message.location().url})`);
  });
  return errors;
}

async function signInInFrench(page: Page) {
  await page.goto("/signin");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await page.getByLabel("E-mail").fill(DEMO.founder.email);
  await page.getByLabel("Mot de passe").fill(DEMO.founder.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/inbox$/, { timeout: 20_000 });
}

const documentFits = (page: Page) =>
  page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));

/** "00:03": the wall clock in Tokyo at that instant, whatever the date style around it. */
const tokyoClock = (iso: string) =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Tokyo",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));

test("a message shows the same Tokyo time in the thread, the list and search; a 5,000-character word and a phone screen keep the page in its width; no hydration error", async ({
  page,
  request,
}) => {
  // Many pages in one story, and a long note to save: more than the default 30 s on a busy machine.
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  // A word no other message has, letters only, so search finds exactly this message.
  const word = `fuseau${Date.now()
    .toString(36)
    .replace(/\d/g, (digit) => "abcdefghij"[Number(digit)]!)}`;
  const params = {
    MessageSid: `SM${Date.now()}tz`,
    AccountSid: E2E.secrets.TWILIO_ACCOUNT_SID,
    From: `+336${String(Date.now()).slice(-8)}`,
    To: E2E.secrets.TWILIO_FROM_NUMBER,
    Body: `Bonjour, à quelle heure passe le livreur ? ${word}`,
  };
  expect((await postTwilioSms(request, params)).status()).toBe(200);

  await signInInFrench(page);

  // The inbox list (rendered in the browser).
  await page.goto("/inbox?view=all_open");
  const row = page.getByTestId("conversation-row").filter({ hasText: word });
  await expect(row).toBeVisible({ timeout: 20_000 });
  const listTime = row.getByTestId("conversation-time");
  const instant = (await listTime.getAttribute("datetime"))!;
  const shown = (await listTime.textContent())!.trim();
  expect(shown).toContain(tokyoClock(instant));

  // The thread (rendered on the server).
  await row.click();
  const message = page.getByTestId("thread-message").filter({ hasText: word });
  await expect(message.getByTestId("message-time")).toHaveText(shown);
  await expect(message.getByTestId("message-time")).toHaveAttribute("datetime", instant);

  // A note holding one 5,000-character word (a pasted tracking link) stays inside the thread.
  const longWord = `https://suivi.example/colis/${"A1b2C3d4".repeat(625)}`;
  await page.getByRole("tab", { name: "Note interne (n)" }).click();
  await page.getByLabel("Note interne : seule l'équipe la voit").fill(longWord);
  await page.getByRole("button", { name: "Ajouter la note" }).click();
  const note = page.getByTestId("thread-message").filter({ hasText: "https://suivi.example/colis/" });
  await expect(note).toBeVisible({ timeout: 20_000 });
  const conversationUrl = page.url();
  await expectNoEnglish(page);
  const desktop = await documentFits(page);
  expect(desktop.scrollWidth).toBeLessThanOrEqual(desktop.clientWidth);

  // Search (rendered in the browser) agrees.
  await page.goto(`/inbox/search?q=${word}`);
  const hit = page.getByTestId("search-message").filter({ hasText: word });
  await expect(hit.getByTestId("search-message-time")).toHaveText(shown);

  // The browser's zone reached the server: the account page offers it as the default.
  await page.goto("/account");
  await expect(page.getByLabel("Afficher les heures en")).toHaveValue("auto");
  await expect(page.getByLabel("Afficher les heures en").locator("option:checked")).toHaveText(
    "Utiliser le fuseau de mon navigateur (Asia/Tokyo)",
  );

  // The template editor (its version history) renders without a server/browser mismatch.
  await page.goto("/templates");
  await page.locator('a[href^="/templates/"]:not([href="/templates/queue"])').first().click();
  await expect(page).toHaveURL(/\/templates\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // A phone: the conversation (with the long note) and the inbox fit the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(conversationUrl);
  await expect(note).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Client" })).toBeVisible();
  const phoneConversation = await documentFits(page);
  expect(phoneConversation.scrollWidth).toBeLessThanOrEqual(phoneConversation.clientWidth);
  await page.goto("/inbox?view=all_open");
  await expect(page.getByTestId("conversation-row").first()).toBeVisible({ timeout: 20_000 });
  const phoneInbox = await documentFits(page);
  expect(phoneInbox.scrollWidth).toBeLessThanOrEqual(phoneInbox.clientWidth);

  expect(errors).toEqual([]);
});
