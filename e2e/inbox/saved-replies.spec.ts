import { expect, test } from "@playwright/test";
import { mailFromCustomer } from "../support/customer-mail";
import { signInAs } from "../support/sign-in";

test("an agent creates a saved reply, inserts it with # in a reply filled for the customer, then deletes it", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const run = Date.now();
  const conversationId = await mailFromCustomer(request, {
    messageId: `saved-${run}`,
    email: `saved-${run}@example.org`,
    name: `Agathe Saved${run}`,
    subject: `Return ${run}`,
    text: `How do I send the lamp back? (${run})`,
  });
  await signInAs(page, "agent");
  await page.goto("/saved-replies");
  await expect(page.getByText("the founder approves them in Templates")).toBeVisible();
  await page.getByRole("button", { name: "New saved reply" }).click();
  const form = page.getByRole("form", { name: "New saved reply" });
  const name = `Return label ${run}`;
  // A variable no reply can fill is refused with what can be used.
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Folder").fill("Returns");
  await form.getByLabel("Reply").fill("Hi {{firstName}}, your cart is here: {{checkoutLink}}");
  await form.getByRole("button", { name: "Create" }).click();
  await expect(form.getByText("{{checkoutLink}} cannot be filled in a reply")).toBeVisible();
  await form
    .getByLabel("Reply")
    .fill("Hi {{firstName}}, here is the return label: print it and drop the parcel at any post office.");
  await form.getByRole("button", { name: "Create" }).click();
  await expect(page.getByText(`Saved reply “${name}” created.`)).toBeVisible();
  const row = page.getByTestId("saved-reply").filter({ hasText: name });
  await expect(row).toContainText("Edited");
  await expect(page.getByRole("region", { name: "Returns" })).toContainText(name);

  // Search on the page.
  await page.getByLabel("Search saved replies").fill("post office");
  await expect(page.getByTestId("saved-reply")).toHaveCount(1);

  await page.goto(`/inbox/${conversationId}`);
  const box = page.getByLabel("Your reply to the customer");
  await box.click();
  await box.pressSequentially(`#return label ${run}`);
  const suggestions = page.getByRole("listbox", { name: "Saved replies" });
  await expect(suggestions.getByRole("option")).toHaveText([`${name}Returns · EN`]);
  await box.press("Enter");
  await expect(box).toHaveValue(
    "Hi Agathe, here is the return label: print it and drop the parcel at any post office.",
  );
  await expect(suggestions).toHaveCount(0);

  await page.goto("/saved-replies");
  await row.getByRole("button", { name: "Delete" }).click();
  await expect(row.getByText(`Delete the saved reply “${name}” for the whole team?`)).toBeVisible();
  await row.getByRole("button", { name: "Delete it" }).click();
  await expect(page.getByTestId("saved-reply").filter({ hasText: name })).toHaveCount(0);
});
