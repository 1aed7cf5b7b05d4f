import { expect, test } from "@playwright/test";
import { fetchSentByFake, type PostmarkSent } from "@/tools/fake-providers";
import { mailFromCustomer } from "../support/customer-mail";
import { E2E } from "../support/e2e-env";
import { signInAs } from "../support/sign-in";

test("Undo within the delay sends nothing and puts the text back; not undone, the reply goes", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const run = Date.now();
  const address = `undo-${run}@example.org`;
  const conversationId = await mailFromCustomer(request, {
    messageId: `undo-${run}`,
    email: address,
    name: `Yves Undo${run}`,
    subject: `Shipping cost ${run}`,
    text: `Why is shipping so expensive? (${run})`,
  });
  const sentTo = async () => (await fetchSentByFake<PostmarkSent>(E2E.fakes.postmark)).filter((m) => m.To === address);

  await signInAs(page, "agent");
  await page.goto(`/inbox/${conversationId}`);
  const box = page.getByLabel("Your reply to the customer");
  const text = `Shipping is free from 60 €; below that it is the carrier's price (${run}).`;
  await box.fill(text);
  await page.getByRole("button", { name: "Send email" }).click();
  const undo = page.getByTestId("undo-send");
  await expect(undo).toContainText("Sending in");
  await expect(box).toHaveValue("");
  await undo.getByRole("button", { name: "Undo" }).click();
  await expect(box).toHaveValue(text);
  await expect(undo).toHaveCount(0);
  // Longer than the delay (5 s): still nothing went.
  await page.waitForTimeout(7_000);
  expect(await sentTo()).toHaveLength(0);
  await expect(page.getByTestId("thread-message").filter({ hasText: text })).toHaveCount(0);

  // Sent again and left alone: it goes once the delay is over, and the thread shows it sent.
  await page.getByRole("button", { name: "Send email" }).click();
  await expect(undo).toContainText("Sending in");
  await expect(page.getByTestId("thread-message").filter({ hasText: text }).getByTestId("delivery-status")).toHaveText(
    "sent",
    { timeout: 15_000 },
  );
  expect(await sentTo()).toHaveLength(1);
});
