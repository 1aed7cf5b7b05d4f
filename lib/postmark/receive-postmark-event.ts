import "server-only";
import { z } from "zod";
import type { DbClient } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { processWebhookOnce } from "@/lib/webhooks/process-webhook-once";

// Postmark's outbound event webhooks, by RecordType.
const event = z.discriminatedUnion("RecordType", [
  z.object({ RecordType: z.literal("Bounce"), ID: z.union([z.number(), z.string()]), Type: z.string(), Inactive: z.boolean().default(false), Email: z.string(), MessageID: z.string().nullish(), Description: z.string().nullish(), BouncedAt: z.string() }),
  z.object({ RecordType: z.literal("SpamComplaint"), ID: z.union([z.number(), z.string()]), Email: z.string(), MessageID: z.string().nullish(), BouncedAt: z.string() }),
  z.object({ RecordType: z.literal("SubscriptionChange"), Recipient: z.string(), SuppressSending: z.boolean(), SuppressionReason: z.string().nullish(), ChangedAt: z.string(), MessageID: z.string().nullish() }),
  z.object({ RecordType: z.literal("Delivery"), MessageID: z.string(), Recipient: z.string(), DeliveredAt: z.string() }),
]);
type PostmarkEvent = z.infer<typeof event>;

async function stopEmailTo(email: string, data: { emailSuppressedAt?: Date; emailSuppressedReason?: string; emailUnsubscribedAt?: Date }, source: string, at: Date, tx: DbClient) {
  const customer = await tx.customer.findUnique({ where: { email: email.toLowerCase() } });
  if (!customer) return;
  await tx.customer.update({ where: { id: customer.id }, data });
  await tx.consentEvent.create({ data: { customerId: customer.id, channel: "email", change: "revoked", source, wording: null, occurredAt: at } });
  await tx.scheduledMessage.updateMany({ where: { customerId: customer.id, channel: "email", status: { in: ["scheduled", "paused"] } }, data: { status: "cancelled", statusReason: `cancelled: ${source}` } });
}

async function failMessage(providerMessageId: string | null | undefined, reason: string, tx: DbClient) {
  if (!providerMessageId) return;
  await tx.message.updateMany({ where: { providerMessageId }, data: { deliveryStatus: "failed", deliveryError: reason } });
}

async function apply(e: PostmarkEvent, tx: DbClient): Promise<void> {
  switch (e.RecordType) {
    case "Bounce": {
      const at = new Date(e.BouncedAt);
      await failMessage(e.MessageID, `${e.Type}: ${e.Description ?? "bounced"}`, tx);
      // A soft bounce is retried by the mail system; only a hard bounce or a deactivation suppresses.
      if (e.Type === "HardBounce" || e.Inactive) await stopEmailTo(e.Email, { emailSuppressedAt: at, emailSuppressedReason: `${e.Type}: ${e.Description ?? ""}`.trim() }, "postmark_bounce", at, tx);
      return;
    }
    case "SpamComplaint": {
      const at = new Date(e.BouncedAt);
      await stopEmailTo(e.Email, { emailSuppressedAt: at, emailSuppressedReason: "Spam complaint: never email again" }, "postmark_spam_complaint", at, tx);
      return;
    }
    case "SubscriptionChange": {
      const at = new Date(e.ChangedAt);
      if (e.SuppressSending) {
        await stopEmailTo(e.Recipient, { emailUnsubscribedAt: at }, "postmark_subscription_change", at, tx);
      } else {
        const customer = await tx.customer.findUnique({ where: { email: e.Recipient.toLowerCase() } });
        // Reactivation lifts Postmark's suppression, never a spam complaint of ours.
        if (customer && customer.emailSuppressedReason !== "Spam complaint: never email again") {
          await tx.customer.update({ where: { id: customer.id }, data: { emailUnsubscribedAt: null, emailSuppressedAt: null, emailSuppressedReason: null } });
          await tx.consentEvent.create({ data: { customerId: customer.id, channel: "email", change: "granted", source: "postmark_subscription_change", wording: null, occurredAt: at } });
        }
      }
      return;
    }
    case "Delivery":
      await tx.message.updateMany({ where: { providerMessageId: e.MessageID, deliveryStatus: { in: ["queued", "sending", "sent"] } }, data: { deliveryStatus: "delivered", deliveredAt: new Date(e.DeliveredAt) } });
      return;
  }
}

function eventId(e: PostmarkEvent): string {
  switch (e.RecordType) {
    case "Bounce":
    case "SpamComplaint":
      return `${e.RecordType}:${e.ID}`;
    case "SubscriptionChange":
      return `${e.RecordType}:${e.Recipient}:${e.ChangedAt}`;
    case "Delivery":
      return `${e.RecordType}:${e.MessageID}`;
  }
}

export async function receivePostmarkEvent(body: unknown): Promise<{ status: "processed" | "duplicate" | "ignored" }> {
  const recordType = (body as { RecordType?: unknown } | null)?.RecordType;
  if (typeof recordType === "string" && !["Bounce", "SpamComplaint", "SubscriptionChange", "Delivery"].includes(recordType)) return { status: "ignored" };
  const parsed = event.safeParse(body);
  if (!parsed.success) throw new AppError("bad_request", `Invalid Postmark event: ${parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}`);
  const outcome = await processWebhookOnce({ provider: "postmark", externalId: eventId(parsed.data), topic: parsed.data.RecordType }, (tx) => apply(parsed.data, tx));
  return { status: outcome.duplicate ? "duplicate" : "processed" };
}
