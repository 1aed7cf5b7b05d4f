import "server-only";
import { z } from "zod";
import { liftPostmarkSuppression, suppressEmail, unsubscribeEmail } from "@/lib/consent/email-consent";
import type { DbClient } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { processWebhookOnce } from "@/lib/webhooks/process-webhook-once";

// Postmark's times carry up to seven decimals and an offset; anything Date cannot read is refused (400).
const timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), "must be a date and time");

// Postmark's outbound event webhooks, by RecordType.
const event = z.discriminatedUnion("RecordType", [
  z.object({
    RecordType: z.literal("Bounce"),
    ID: z.union([z.number(), z.string()]),
    Type: z.string(),
    Inactive: z.boolean().default(false),
    Email: z.string(),
    MessageID: z.string().nullish(),
    Description: z.string().nullish(),
    BouncedAt: timestamp,
  }),
  z.object({
    RecordType: z.literal("SpamComplaint"),
    ID: z.union([z.number(), z.string()]),
    Email: z.string(),
    MessageID: z.string().nullish(),
    BouncedAt: timestamp,
  }),
  z.object({
    RecordType: z.literal("SubscriptionChange"),
    Recipient: z.string(),
    SuppressSending: z.boolean(),
    SuppressionReason: z.string().nullish(),
    ChangedAt: timestamp,
    MessageID: z.string().nullish(),
  }),
  z.object({ RecordType: z.literal("Delivery"), MessageID: z.string(), Recipient: z.string(), DeliveredAt: timestamp }),
]);
type PostmarkEvent = z.infer<typeof event>;

/** The customer behind an address Postmark reports on; events about unknown addresses change nothing. */
async function customerIdFor(email: string, tx: DbClient): Promise<string | null> {
  return (await tx.customer.findUnique({ where: { email: email.toLowerCase() }, select: { id: true } }))?.id ?? null;
}

async function failMessage(providerMessageId: string | null | undefined, reason: string, tx: DbClient) {
  if (!providerMessageId) return;
  await tx.message.updateMany({
    where: { providerMessageId },
    data: { deliveryStatus: "failed", deliveryError: reason },
  });
}

async function apply(e: PostmarkEvent, tx: DbClient): Promise<void> {
  switch (e.RecordType) {
    case "Bounce": {
      const at = new Date(e.BouncedAt);
      await failMessage(e.MessageID, `${e.Type}: ${e.Description ?? "bounced"}`, tx);
      // A soft bounce is retried by the mail system; only a hard bounce or a deactivation suppresses.
      const customerId = await customerIdFor(e.Email, tx);
      if (customerId && (e.Type === "HardBounce" || e.Inactive))
        await suppressEmail(customerId, `${e.Type}: ${e.Description ?? ""}`.trim(), "postmark_bounce", at, tx);
      return;
    }
    case "SpamComplaint": {
      const customerId = await customerIdFor(e.Email, tx);
      if (customerId)
        await suppressEmail(
          customerId,
          "Spam complaint: never email again",
          "postmark_spam_complaint",
          new Date(e.BouncedAt),
          tx,
        );
      return;
    }
    case "SubscriptionChange": {
      const customerId = await customerIdFor(e.Recipient, tx);
      if (!customerId) return;
      const at = new Date(e.ChangedAt);
      // Postmark also reports a spam complaint as a subscription change: never to be lifted.
      if (e.SuppressSending && e.SuppressionReason === "SpamComplaint")
        await suppressEmail(customerId, "Spam complaint: never email again", "postmark_spam_complaint", at, tx);
      else if (e.SuppressSending)
        await unsubscribeEmail(customerId, "postmark_subscription_change", e.SuppressionReason ?? null, at, tx);
      else await liftPostmarkSuppression(customerId, at, tx);
      return;
    }
    case "Delivery":
      await tx.message.updateMany({
        where: { providerMessageId: e.MessageID, deliveryStatus: { in: ["queued", "sending", "sent"] } },
        data: { deliveryStatus: "delivered", deliveredAt: new Date(e.DeliveredAt) },
      });
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
  if (
    typeof recordType === "string" &&
    !["Bounce", "SpamComplaint", "SubscriptionChange", "Delivery"].includes(recordType)
  )
    return { status: "ignored" };
  const parsed = event.safeParse(body);
  if (!parsed.success)
    throw new AppError(
      "bad_request",
      `Invalid Postmark event: ${parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}`,
    );
  const outcome = await processWebhookOnce(
    { provider: "postmark", externalId: eventId(parsed.data), topic: parsed.data.RecordType },
    (tx) => apply(parsed.data, tx),
  );
  return { status: outcome.duplicate ? "duplicate" : "processed" };
}
