import { expect, test, type APIRequestContext } from "@playwright/test";
import { mailFromCustomer } from "../support/customer-mail";
import { signInAs } from "../support/sign-in";

const customerMail = (request: APIRequestContext, name: string, run: number) =>
  mailFromCustomer(request, {
    messageId: `bulk-${name}-${run}`,
    email: `${name.toLowerCase()}-${run}@example.org`,
    name: `${name} Bulk${run}`,
    subject: `Where is my parcel? ${run}`,
    text: `Hello, where is my parcel? (${name} ${run})`,
  });

test("an agent selects three conversations and closes them in one action, then tags a range picked with shift-click", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const run = Date.now();
  const names = ["Anaïs", "Inès", "Odile", "Ugo"];
  for (const name of names) await customerMail(request, name, run);
  await signInAs(page, "agent");
  await page.goto("/inbox?view=all_open");
  const rowOf = (name: string) => page.getByRole("listitem").filter({ hasText: `${name} Bulk${run}` });
  await expect(rowOf("Ugo")).toBeVisible();

  // Three picked one by one (the third with the keyboard: focus, then x).
  await rowOf("Anaïs").getByTestId("select-conversation").check();
  await rowOf("Inès").getByTestId("select-conversation").check();
  await rowOf("Odile").getByTestId("conversation-row").focus();
  await page.keyboard.press("x");
  const bar = page.getByTestId("bulk-action-bar");
  await expect(bar).toContainText("3 conversations selected");

  // One confirmation for the three.
  await bar.getByRole("button", { name: "Close as resolved" }).click();
  await expect(bar).toContainText("Close as resolved: 3 conversations?");
  await bar.getByRole("button", { name: "Yes, apply" }).click();
  await expect(page.getByText("3 conversations changed.")).toBeVisible();
  await expect(bar).toHaveCount(0);
  for (const name of ["Anaïs", "Inès", "Odile"]) await expect(rowOf(name)).toHaveCount(0);
  await expect(rowOf("Ugo")).toBeVisible();

  // In Closed: the three, each resolved; a shift-click range selects them, and they are tagged at once.
  await page.goto("/inbox?view=closed");
  await expect(rowOf("Odile")).toBeVisible();
  // (Another spec's conversation could sort between ours: the range then holds it too.)
  const shown = await page.getByTestId("conversation-row").allInnerTexts();
  const positions = shown.flatMap((text, index) => (text.includes(`Bulk${run}`) ? [index] : []));
  expect(positions).toHaveLength(3);
  const nameAt = (index: number) => names.find((name) => shown[index]!.includes(`${name} Bulk${run}`))!;
  const inRange = positions[2]! - positions[0]! + 1;
  await rowOf(nameAt(positions[0]!)).getByTestId("select-conversation").click();
  await rowOf(nameAt(positions[2]!))
    .getByTestId("select-conversation")
    .click({ modifiers: ["Shift"] });
  await expect(bar).toContainText(`${inRange} conversations selected`);
  await bar.getByLabel("Tag").fill("Where is my parcel");
  await bar.getByRole("button", { name: "Apply" }).click();
  await bar.getByRole("button", { name: "Yes, apply" }).click();
  await expect(page.getByText(`${inRange} conversations changed.`)).toBeVisible();
  for (const name of ["Anaïs", "Inès", "Odile"]) await expect(rowOf(name)).toContainText("#where-is-my-parcel");

  // The tag as a filter, kept in the URL: a reload shows the same list, with each row's subject.
  await page.getByRole("group", { name: "Sort and filter" }).getByLabel("Tag").selectOption("where-is-my-parcel");
  await expect(page).toHaveURL(/view=closed&tag=where-is-my-parcel/);
  await page.reload();
  await expect(page.getByTestId("conversation-row").filter({ hasText: `Bulk${run}` })).toHaveCount(3);
  await expect(rowOf("Inès").getByTestId("conversation-subject")).toHaveText(`Where is my parcel? ${run}`);
  await page.getByRole("group", { name: "Sort and filter" }).getByLabel("Channel").selectOption("sms");
  await expect(page.getByText("No conversations in Closed match these filters.")).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/inbox\?view=closed$/);

  // A list URL the API cannot read is a 400 that says why.
  const refused = await page.request.get("/api/inbox/conversations?view=all_open&sort=sideways");
  expect(refused.status()).toBe(400);
  expect((await refused.json()).error).toContain("sort must be one of urgency, newest, oldest_waiting");
});
