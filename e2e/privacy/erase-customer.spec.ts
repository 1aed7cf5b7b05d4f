import { expect, test } from "@playwright/test";
import { E2E } from "../support/e2e-env";
import { signInAs } from "../support/sign-in";
import { postPostmarkInbound } from "../support/webhooks";

const BASE = E2E.postgres.baseURL;

test("an admin exports a customer's data, then erases the customer after confirming; an agent sees neither action", async ({
  page,
  request,
  browser,
}) => {
  test.setTimeout(120_000);
  const run = Date.now();
  const email = `erase-me-${run}@example.org`;
  const response = await postPostmarkInbound(request, {
    MessageID: `erase-${run}`,
    FromFull: { Email: email, Name: "Eloïse Effacer" },
    To: "reply@inbound.e2e.test",
    Subject: `Mon adresse ${run}`,
    TextBody: `J'habite 12 rue des Lilas (${run})`,
    Headers: [],
    Attachments: [],
  });
  expect(response.status()).toBe(200);
  const { conversationId } = await response.json();

  // An agent works the conversation but cannot export or erase.
  const agentContext = await browser.newContext();
  const agentPage = await agentContext.newPage();
  await signInAs(agentPage, "agent");
  await agentPage.goto(`/inbox/${conversationId}`);
  await expect(agentPage.getByTestId("thread-message").filter({ hasText: `12 rue des Lilas (${run})` })).toBeVisible();
  await expect(agentPage.getByRole("button", { name: "Erase this customer…" })).toHaveCount(0);
  await agentContext.close();

  await signInAs(page, "admin");
  await page.goto(`/inbox/${conversationId}`);
  const sidebar = page.getByRole("complementary", { name: "Customer" });

  // Export: ready at once, downloaded as JSON holding their message.
  await sidebar.getByRole("button", { name: "Export their data (JSON)" }).click();
  const download = sidebar.getByRole("link", { name: "Download the export" });
  await expect(download).toBeVisible();
  const exportUrl = `${BASE}${await download.getAttribute("href")}`;
  const exported = await page.request.get(exportUrl);
  expect(exported.status()).toBe(200);
  expect(await exported.text()).toContain(`12 rue des Lilas (${run})`);

  // Erase: asks first; cancelling changes nothing.
  await sidebar.getByRole("button", { name: "Erase this customer…" }).click();
  await expect(sidebar.getByText("This cannot be undone. Erase?")).toBeVisible();
  await sidebar.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("thread-message").filter({ hasText: `12 rue des Lilas (${run})` })).toBeVisible();

  await sidebar.getByRole("button", { name: "Erase this customer…" }).click();
  await sidebar.getByRole("button", { name: "Erase for good" }).click();
  await expect(sidebar.getByText(/This customer's personal data was erased on/)).toBeVisible();
  await expect(page.getByText(`12 rue des Lilas (${run})`)).toHaveCount(0);
  await expect(page.getByText(email)).toHaveCount(0);
  await expect(page.getByTestId("thread-message").first()).toContainText("[erased]");
  // The export went with the data.
  expect((await page.request.get(exportUrl)).status()).toBe(404);

  // The audit log shows the export and the erasure, by whom, without the customer's data.
  await page.getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Action").selectOption("customer.erased");
  await page.getByRole("button", { name: "Filter" }).click();
  const entry = page.getByTestId("audit-entry").first();
  await expect(entry).toContainText("customer.erased");
  await expect(entry).toContainText("erased: 1 conversation(s), 1 message(s)");
  await expect(page.getByTestId("audit-entries")).not.toContainText(email);
});
