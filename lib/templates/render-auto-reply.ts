import "server-only";
import type { DbClient } from "@/lib/db";
import type { Customer, ShopSettings } from "@/lib/generated/prisma/client";
import { ensureDefaultTemplates } from "@/lib/templates/ensure-default-templates";
import { getApprovedVersion } from "@/lib/templates/get-approved-version";
import { renderTemplate, TemplateRenderError } from "@/lib/templates/render-template";
import { logError } from "@/lib/log";

/**
 * The approved text of an automatic SMS answer (HELP, opt-out confirmation) for this customer, or
 * null when none can be rendered: a keyword answer is never sent with raw braces.
 */
export async function renderAutoReplySms(
  key: string,
  customer: Customer,
  settings: ShopSettings | null,
  tx: DbClient,
): Promise<string | null> {
  const locales = [customer.locale, settings?.defaultLocale ?? customer.locale];
  let approved = await getApprovedVersion(key, "sms", locales, tx);
  if (!approved) {
    // A shop that has not dispatched yet may not have its default texts.
    await ensureDefaultTemplates(tx);
    approved = await getApprovedVersion(key, "sms", locales, tx);
  }
  if (!approved) return null;
  try {
    return renderTemplate(
      approved.version.body,
      {
        firstName: customer.firstName,
        shopName: settings?.shopName ?? "this shop",
        founderName: settings?.founderName ?? settings?.shopName ?? "the founder",
      },
      approved.locale,
    );
  } catch (error) {
    if (error instanceof TemplateRenderError) {
      logError("templates", `${key} cannot be rendered`, error);
      return null;
    }
    throw error;
  }
}
