// Validation for Settings → Data and consent (client and server).
import { z } from "zod";

export const dataSettingsSchema = z.object({
  /** Empty: keep message bodies and attachments forever. */
  retentionMonths: z.preprocess(
    (value) => (value === "" || value === null || value === undefined ? null : value),
    z.coerce.number().int().min(1).max(240).nullable(),
  ),
  smsConsentWordingEn: z.string().trim().min(10).max(500),
  smsConsentWordingFr: z.string().trim().min(10).max(500),
});

export type DataSettingsInput = z.infer<typeof dataSettingsSchema>;
