import { expect, test } from "@playwright/test";
import { signInInFrench } from "../support/sign-in";

// A French browser: the screens follow it until the user picks a language of their own.
test.use({ locale: "fr-FR" });

test("the sign-in page and the app follow a French browser; a user's own language wins, and Automatic hands back to the browser", async ({
  page,
}) => {
  await signInInFrench(page, "agent");

  const nav = page.getByRole("navigation", { name: "Principale" });
  await expect(nav.getByRole("link")).toHaveText(["Boîte de réception", "Réponses enregistrées", "Modèles"]);
  await expect(page.getByTestId("current-role")).toHaveText("Agent de support");

  await page.getByLabel("Langue").selectOption("en");
  const englishNav = page.getByRole("navigation", { name: "Main" });
  // Saving, then re-rendering the whole page: slow on a loaded CI machine.
  await expect(englishNav.getByRole("link")).toHaveText(["Inbox", "Saved replies", "Templates"], { timeout: 20_000 });
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(englishNav.getByRole("link")).toHaveText(["Inbox", "Saved replies", "Templates"]);
  await expect(page.getByTestId("current-role")).toHaveText("Support agent");
  await expect(page.getByLabel("Language")).toHaveValue("en");

  await page.getByLabel("Language").selectOption("auto");
  await expect(nav.getByRole("link")).toHaveText(["Boîte de réception", "Réponses enregistrées", "Modèles"], {
    timeout: 20_000,
  });
  await page.reload();
  await expect(nav.getByRole("link")).toHaveText(["Boîte de réception", "Réponses enregistrées", "Modèles"]);
  await expect(page.getByLabel("Langue")).toHaveValue("auto");
});

test("the reports and the forbidden page speak French too", async ({ page }) => {
  await signInInFrench(page, "manager");
  await page.goto("/reports");
  await expect(page.getByRole("heading", { name: "Rapports" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Frictions du site" })).toBeVisible();
  await expect(page).toHaveTitle("Rapports · Reply Inbox");
  await page.goto("/users");
  await expect(
    page.getByText("Votre rôle (Responsable) ne donne pas accès à la section « Utilisateurs »."),
  ).toBeVisible();
});
