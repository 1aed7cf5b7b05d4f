import "server-only";
import { generateApiToken, hashApiToken, tokenPrefix } from "@/lib/api-tokens/api-token";
import { db, type DbClient } from "@/lib/db";
import { DEFAULT_TIMING } from "@/tools/simulator/run-simulation";
import { ensureDefaultTemplates } from "@/lib/templates/ensure-default-templates";

export type PreparedShop = { apiToken: string; smsPricePerSegment: number; smsPriceCurrency: string };

/**
 * Readies a throwaway database for the simulator: the demo shop's settings (created if missing),
 * the flow timing the simulator plans around, an SMS window open all day (the dispatcher uses the
 * real clock, and a night-time run would otherwise defer every SMS), the default templates, and
 * an events API token for review.created. Never for a real shop's database.
 */
export async function prepareSimulatedShop(tx: DbClient = db): Promise<PreparedShop> {
  const timing = {
    abandonAfterMinutes: 60,
    abandonedHelpDelayMinutes: 0,
    postDeliveryCheckInDays: DEFAULT_TIMING.checkInDays,
    postDeliveryReviewDays: DEFAULT_TIMING.reviewDays,
    postDeliveryReminderDays: DEFAULT_TIMING.reminderDays,
    smsReviewDelayDays: DEFAULT_TIMING.smsDelayDays,
    smsWindowStartHour: 0,
    smsWindowEndHour: 24,
  };
  const settings = await tx.shopSettings.upsert({
    where: { id: 1 },
    create: {
      id: 1,
      shopName: "Atelier Lune",
      founderName: "Léa",
      founderSignature: "Léa, Atelier Lune",
      senderEmail: "lea@atelier-lune.example",
      timeZone: "Europe/Paris",
      defaultLocale: "fr",
      reviewUrl: "https://atelier-lune.example/avis",
      ...timing,
    },
    update: timing,
  });
  await ensureDefaultTemplates(tx);
  const token = generateApiToken();
  await tx.apiToken.create({ data: { name: "Simulator", tokenHash: hashApiToken(token), prefix: tokenPrefix(token) } });
  return {
    apiToken: token,
    smsPricePerSegment: Number(settings.smsPricePerSegment),
    smsPriceCurrency: settings.smsPriceCurrency,
  };
}
