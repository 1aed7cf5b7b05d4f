import { expect, test, type APIRequestContext } from "@playwright/test";
import { mailFromCustomer } from "../support/customer-mail";
import { signInAs } from "../support/sign-in";

const customerMail = (request: APIRequestContext, run: number, n: number, subject: string, text: string) =>
  mailFromCustomer(request, {
    messageId: `merge-${run}-${n}`,
    email: `agathe-${run}@example.org`,
    name: `Agathe Merge${run}`,
    subject,
    text,
  });

test("an agent merges a customer's two conversations: both threads in date order, the old address leads to the merged one", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const run = Date.now();
  const first = await customerMail(request, run, 1, `Order ${run}`, `Where is my order? (${run})`);
  await signInAs(page, "agent");
  await page.goto(`/inbox/${first}`);
  await page.getByRole("button", { name: "Close as resolved (e)" }).click();
  await expect(page).not.toHaveURL(new RegExp(`/inbox/${first}`));

  // Closed, so her next mail starts another conversation.
  const second = await customerMail(request, run, 2, `Invoice ${run}`, `Can I get an invoice? (${run})`);
  expect(second).not.toBe(first);
  await page.goto(`/inbox/${second}`);
  const past = page.getByTestId("past-conversation").filter({ hasText: `Order ${run}` });
  await past.getByRole("button", { name: "Merge into this conversation" }).click();
  await expect(past).toContainText(`Move every message of “Order ${run}” into this conversation`);
  await past.getByRole("button", { name: "Merge", exact: true }).click();

  const thread = page.getByTestId("thread-message").filter({ hasText: `(${run})` });
  await expect(thread).toHaveCount(2);
  await expect(thread.nth(0)).toContainText(`Where is my order? (${run})`);
  await expect(thread.nth(1)).toContainText(`Can I get an invoice? (${run})`);
  await expect(page.getByTestId("past-conversation").filter({ hasText: `Order ${run}` })).toHaveCount(0);

  await page.goto(`/inbox/${first}`);
  await expect(page).toHaveURL(new RegExp(`/inbox/${second}`));
});
