import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { fetchSentByFake, type PostmarkSent } from "@/tools/fake-providers";
import { E2E } from "../support/e2e-env";
import { signInAs } from "../support/sign-in";
import { postShopify } from "../support/webhooks";

const BASE = E2E.postgres.baseURL;

test("an agent proposes a new text, the founder compares and approves it, and the next message uses it", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const run = Date.now();
  const phrase = `Open your bank app first, then retry (${run}).`;

  // The agent edits the English help email and sees the voice check react.
  const agent = await browser.newPage();
  await signInAs(agent, "agent");
  await agent.goto("/templates");
  await agent.getByRole("link", { name: "Abandoned checkout: help email" }).click();
  const body = agent.getByLabel("Message", { exact: true });
  await expect(body).toHaveValue(/\{\{firstName\}\}/);
  const original = await body.inputValue();
  await body.fill(`Last chance! ${original}`);
  await expect(agent.getByTestId("voice-warning").filter({ hasText: "Last chance" })).toBeVisible();
  await body.fill(original.replace(/\n\n/, `\n\n${phrase}\n\n`));
  await expect(agent.getByTestId("voice-warning").filter({ hasText: "Last chance" })).toHaveCount(0);
  await agent.getByRole("button", { name: "Submit for approval" }).click();
  const submitted = agent.getByText(/Version \d+ sent to the founder for approval/);
  await expect(submitted).toBeVisible();
  const versionNumber = Number((await submitted.textContent())!.match(/Version (\d+)/)![1]);
  await expect(agent.getByTestId("version").first()).toContainText("awaiting approval");
  // Agents may not approve.
  await expect(agent.getByRole("button", { name: "Approve" })).toHaveCount(0);

  // The founder finds it in the queue, reads the change and approves.
  const founder = await browser.newPage();
  await signInAs(founder, "founder");
  await founder.goto("/templates/queue");
  const queued = founder.getByTestId("queued-version").filter({ hasText: "Abandoned checkout: help email" });
  await expect(queued.getByTestId("diff")).toContainText(phrase);
  await founder.goto("/templates");
  await founder.getByRole("link", { name: "Abandoned checkout: help email" }).click();
  await founder.getByLabel("Compare", { exact: true }).selectOption({ index: 1 });
  await founder.getByLabel("with", { exact: true }).selectOption({ index: 0 });
  await expect(founder.getByTestId("diff")).toContainText(phrase);
  await founder.getByLabel("Comment for the author").first().fill("Yes, that is how I say it.");
  await founder.getByRole("button", { name: "Approve" }).first().click();
  await expect(founder.getByTestId("version").first()).toContainText("sent now");

  // A checkout abandoned three hours ago: the next dispatch sends the help email with the new words.
  const email = `e2e-checkout-${run}@example.com`;
  const threeHoursAgo = new Date(Date.now() - 3 * 3600_000).toISOString();
  // Playwright runs from the repository root.
  const checkout = JSON.parse(readFileSync("tests/fixtures/shopify/checkout-update.json", "utf8")) as Record<
    string,
    unknown
  >;
  const customer = checkout.customer as Record<string, unknown>;
  const payload = {
    ...checkout,
    id: run,
    token: randomUUID().replaceAll("-", ""),
    email,
    phone: null,
    sms_marketing_phone: null,
    buyer_accepts_sms_marketing: false,
    customer_locale: "en",
    created_at: threeHoursAgo,
    updated_at: threeHoursAgo,
    customer: { ...customer, id: run, email, phone: null },
  };
  expect((await postShopify(request, "checkouts/update", payload)).status()).toBe(200);
  const dispatch = await request.get(`${BASE}/api/cron/dispatch`, {
    headers: { authorization: `Bearer ${E2E.secrets.CRON_SECRET}` },
  });
  expect(dispatch.status()).toBe(200);
  const sent = (await fetchSentByFake<PostmarkSent>(E2E.fakes.postmark)).find((m) => m.To === email);
  expect(sent?.TextBody).toContain(phrase);

  // The manager splits the report by the version that went out: the new one shows, too new to compare.
  const manager = await browser.newPage();
  await signInAs(manager, "manager");
  await manager.goto("/reports");
  await manager.getByRole("link", { name: "Split by template version" }).click();
  await expect(manager).toHaveURL(/split=version/);
  const row = manager
    .getByTestId("version-row")
    .filter({ hasText: "Abandoned checkout · help email · Email" })
    .filter({ has: manager.getByRole("cell", { name: new RegExp(`^v${versionNumber}\\b`) }) });
  await expect(row).toContainText("too few to compare");
  await manager.getByRole("link", { name: "Hide the split" }).click();
  await expect(manager.getByTestId("version-split")).toHaveCount(0);
});
