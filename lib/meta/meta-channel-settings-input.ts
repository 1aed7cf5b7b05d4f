// Validation for Meta's settings on Connections (client and server).
import { z } from "zod";

export const humanAgentSchema = z.object({ allowed: z.boolean() });

export const metaTestSchema = z.object({
  /** A page-scoped id: the admin's own, after writing to the page (the sidebar shows it). */
  recipientId: z
    .string()
    .trim()
    .regex(/^\d{5,30}$/, "metaRecipientId"),
});
