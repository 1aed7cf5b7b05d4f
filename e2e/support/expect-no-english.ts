import { expect, type Page } from "@playwright/test";

/** English words and codes that must not appear in the visible text of a French screen. */
const ENGLISH = [
  "sent",
  "delivered",
  "failed",
  "queued",
  "priority",
  "high",
  "review_link",
  "help_email",
  "day1",
  "day5",
  "delivery",
  "payment_authentication",
  "shopify_checkout",
  "days",
  "Email is not configured",
  "The customer",
  "Unassigned",
  "Needs human",
  "skipped",
  "cancelled",
  "paused",
  "Payment authentication",
];

export async function expectNoEnglish(page: Page) {
  const text = await page.locator("body").innerText();
  const found = ENGLISH.filter((word) => new RegExp(`(^|[^\\p{L}_])${word}($|[^\\p{L}_])`, "u").test(text));
  expect(found, "English words on a French screen").toEqual([]);
}
