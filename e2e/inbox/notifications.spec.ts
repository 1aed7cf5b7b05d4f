import { expect, test } from "@playwright/test";
import { mailFromCustomer } from "../support/customer-mail";
import { DEMO, signInAs } from "../support/sign-in";

test("a teammate's @mention notifies the agent; a new customer mail is unread until opened", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const run = Date.now();
  const customer = `Océane Notif${run}`;
  const conversationId = await mailFromCustomer(request, {
    messageId: `notif-${run}`,
    email: `oceane-${run}@example.org`,
    name: customer,
    subject: `Card declined ${run}`,
    text: `My card was declined twice (${run})`,
  });

  // The agent sees it unread in the list.
  const agent = await (await browser.newContext()).newPage();
  await signInAs(agent, "agent");
  await agent.goto("/inbox?view=all_open");
  const row = agent.getByRole("listitem").filter({ hasText: customer });
  await expect(row.getByTestId("unread-dot")).toBeVisible();

  // The manager mentions the agent in a note, picking the name from the suggestions.
  const manager = await (await browser.newContext()).newPage();
  await signInAs(manager, "manager");
  await manager.goto(`/inbox/${conversationId}`);
  await manager.getByRole("tab", { name: "Internal note (n)" }).click();
  const note = manager.getByLabel("Internal note: only the team sees it");
  await note.pressSequentially("@sof");
  await expect(manager.getByRole("option", { name: `@${DEMO.agent.name}` })).toBeVisible();
  await note.press("Enter");
  await expect(note).toHaveValue(`@${DEMO.agent.name} `);
  await note.pressSequentially(`can you check the 3-D Secure logs? (${run})`);
  await manager.getByRole("button", { name: "Add note" }).click();
  await expect(manager.getByTestId("thread-message").filter({ hasText: `3-D Secure logs? (${run})` })).toBeVisible();

  // The agent is told, in the navigation, the tab title and the list.
  await agent.goto("/notifications");
  const notification = agent
    .getByTestId("notification")
    .filter({ hasText: `${DEMO.manager.name} mentioned you in a note on ${customer}` });
  await expect(notification).toBeVisible();
  await expect(notification).toContainText(`3-D Secure logs? (${run})`);
  await expect(agent.getByTestId("notification-count")).toBeVisible();
  await expect(agent).toHaveTitle(/^\(\d+\) Notifications/);
  await notification.getByRole("link").click();
  await expect(agent).toHaveURL(new RegExp(`/inbox/${conversationId}`));
  await expect(agent.getByTestId("thread-message").filter({ hasText: `3-D Secure logs? (${run})` })).toBeVisible();

  // Opened: the conversation and its notification are read.
  await expect(async () => {
    await agent.goto("/notifications");
    await expect(
      agent
        .getByTestId("notification")
        .filter({ hasText: `mentioned you in a note on ${customer}` })
        .getByText("Unread"),
    ).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await agent.goto("/inbox?view=all_open");
  await expect(agent.getByRole("listitem").filter({ hasText: customer })).toBeVisible();
  await expect(agent.getByRole("listitem").filter({ hasText: customer }).getByTestId("unread-dot")).toHaveCount(0);
});
