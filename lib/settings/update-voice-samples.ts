import "server-only";
import { z } from "zod";
import { db, type DbClient } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { SHOP_SETTINGS_ID } from "@/lib/settings/get-shop-settings";

export const MAX_VOICE_SAMPLES = 5;
export const VOICE_SAMPLE_MIN = 20;
export const VOICE_SAMPLE_MAX = 2_000;

export const voiceSamplesSchema = z.object({
  samples: z
    .array(
      z
        .string()
        .trim()
        .min(VOICE_SAMPLE_MIN, `A sample needs at least ${VOICE_SAMPLE_MIN} characters to show your voice`)
        .max(VOICE_SAMPLE_MAX, `A sample can have ${VOICE_SAMPLE_MAX} characters at most`),
    )
    .max(MAX_VOICE_SAMPLES, `Keep ${MAX_VOICE_SAMPLES} samples at most`),
});

export type VoiceSamplesInput = z.infer<typeof voiceSamplesSchema>;

/** The founder's writing samples (Settings → Voice); empty before the shop is set up. */
export async function getVoiceSamples(tx: DbClient = db): Promise<string[]> {
  const row = await tx.shopSettings.findUnique({ where: { id: SHOP_SETTINGS_ID }, select: { voiceSamples: true } });
  return row?.voiceSamples ?? [];
}

/** Replaces the samples AI drafts copy the voice from; audited with counts, not the texts. */
export async function updateVoiceSamples(
  input: VoiceSamplesInput,
  actorUserId: string | null,
): Promise<VoiceSamplesInput> {
  const { samples } = voiceSamplesSchema.parse(input);
  return db.$transaction(async (tx) => {
    const row = await tx.shopSettings.findUnique({ where: { id: SHOP_SETTINGS_ID }, select: { voiceSamples: true } });
    if (!row) throw AppError.because("conflict", "saveShopFirst");
    const unchanged =
      row.voiceSamples.length === samples.length && row.voiceSamples.every((sample, i) => sample === samples[i]);
    if (unchanged) return { samples };
    await tx.shopSettings.update({
      where: { id: SHOP_SETTINGS_ID },
      data: { voiceSamples: samples, updatedById: actorUserId },
    });
    const changed = samples.map((sample, i) => sample !== row.voiceSamples[i]).filter(Boolean).length;
    await recordAudit(
      {
        actorUserId,
        action: "settings.voice_samples_updated",
        entityType: "shop_settings",
        entityId: String(SHOP_SETTINGS_ID),
        data: { samples: [row.voiceSamples.length, samples.length], changed },
      },
      tx,
    );
    return { samples };
  });
}
