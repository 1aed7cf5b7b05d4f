import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { sendMetaMessage } from "@/lib/delivery/providers/meta-messenger";
import { metaConfigured } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** The shop says whether its Meta app was granted Human Agent (answers up to 7 days, not 24 hours). */
export async function setMetaHumanAgent(allowed: boolean, actorUserId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.shopSettings.updateMany({ where: { id: 1 }, data: { metaHumanAgent: allowed } });
    if (count === 0) throw AppError.because("bad_request", "setUpShopFirst");
    await recordAudit(
      { actorUserId, action: "settings.meta_human_agent", entityType: "settings", entityId: "1", data: { allowed } },
      tx,
    );
  });
}

/**
 * One message through the Send API to a person who wrote to the page in the last 24 hours: what
 * proves the page token, the page and Meta's window work, or Meta's reason in plain words.
 */
export async function sendMetaTestMessage(recipientId: string, text: string): Promise<{ messageId: string }> {
  if (!metaConfigured()) throw AppError.because("not_configured", "metaNotConfigured");
  const outcome = await sendMetaMessage({ recipientId, text, tag: null });
  if (outcome.kind === "sent") return { messageId: outcome.providerMessageId };
  if (outcome.kind === "permanent" && outcome.code === "2018278")
    throw AppError.because("bad_request", "metaTestOutsideWindow");
  throw AppError.because("bad_request", "metaTestFailed", { detail: outcome.error });
}

export async function metaHumanAgentAllowed(): Promise<boolean> {
  const settings = await db.shopSettings.findUnique({ where: { id: 1 }, select: { metaHumanAgent: true } });
  return settings?.metaHumanAgent ?? false;
}
