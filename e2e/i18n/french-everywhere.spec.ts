import { expect, test } from "@playwright/test";
import pg from "pg";
import { databaseUrlFor } from "../../tests/support/test-database";
import { E2E } from "../support/e2e-env";
import { expectNoEnglish } from "../support/expect-no-english";
import { signInInFrench } from "../support/sign-in";

// With the screens in French, nothing English and no stored code shows: not on a conversation
// with a problem reply, friction, a priority and automated messages, nor in the reports.
test.use({ locale: "fr-FR" });

/** Two seeded French customers (tools/seed/demo-history.ts): their conversation ids, Hugo's raised to high priority. */
async function seededConversations() {
  const client = new pg.Client({ connectionString: databaseUrlFor(E2E.postgres.database) });
  await client.connect();
  try {
    const { rows } = await client.query<{ email: string; id: string }>(
      `SELECT DISTINCT ON (cu.email) cu.email, c.id FROM "Conversation" c JOIN "Customer" cu ON cu.id = c."customerId"
        WHERE cu.email IN ('hugo.bernard@example.fr', 'noah.dupont@example.ca') ORDER BY cu.email, c."lastMessageAt" DESC`,
    );
    const byEmail = Object.fromEntries(rows.map((row) => [row.email, row.id]));
    await client.query(`UPDATE "Conversation" SET priority = 'high' WHERE id = $1`, [
      byEmail["hugo.bernard@example.fr"],
    ]);
    return { hugo: byEmail["hugo.bernard@example.fr"]!, noah: byEmail["noah.dupont@example.ca"]! };
  } finally {
    await client.end();
  }
}

test("a conversation and the reports in French: labels, plurals, money and errors, no English", async ({ page }) => {
  test.setTimeout(90_000);
  const conversations = await seededConversations();
  await signInInFrench(page, "manager");

  // Hugo: a problem reply to the day-1 check-in, an agent's answer, an order, high priority.
  await page.goto(`/inbox/${conversations.hugo}`);
  await expect(page.getByTestId("conversation-state")).toContainText("priorité haute");
  await expect(page.getByTestId("thread-message").filter({ hasText: "nouvelles au jour 1" }).first()).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Client" })).toContainText(/\d+,\d{2}\s?€/);
  // An error thrown in lib/ comes back in the form's language.
  await page.getByRole("button", { name: "Signaler une friction du site" }).click();
  await page.getByLabel("Catégorie de friction").selectOption({ label: "Nouvelle catégorie…" });
  await page.getByLabel("Nom de la nouvelle catégorie").fill("!!!");
  await page.getByRole("button", { name: "Signaler la friction" }).click();
  await expect(page.getByText("Nommez la nouvelle catégorie avec des lettres ou des chiffres.")).toBeVisible();
  // A built-in category shows its French name, in the list and once marked.
  await page.getByLabel("Catégorie de friction").selectOption({ label: "Livraison" });
  await page.getByRole("button", { name: "Signaler la friction" }).click();
  await expect(page.getByTestId("friction-mark")).toContainText("Livraison");
  await expectNoEnglish(page);

  // Noah: the abandoned-checkout help email, his problem reply and its friction mark.
  await page.goto(`/inbox/${conversations.noah}`);
  await expect(page.getByTestId("thread-message").filter({ hasText: "e-mail d'aide" }).first()).toBeVisible();
  await expect(page.getByTestId("friction-mark")).toContainText("Authentification du paiement (3-D Secure)");
  await expectNoEnglish(page);

  await page.goto("/reports");
  const friction = page.getByTestId("friction-table");
  await expect(friction).toContainText("Authentification du paiement (3-D Secure)");
  await expect(friction).toContainText("€");
  await expect(page.getByTestId("outcomes-table")).toContainText(/\d+,\d\s%/);
  await expectNoEnglish(page);
});
