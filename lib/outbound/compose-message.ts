import "server-only";
import type { DbClient } from "@/lib/db";
import { env } from "@/lib/env";
import type { Customer, ScheduledMessage, ShopSettings } from "@/lib/generated/prisma/client";
import { createUnsubscribeToken } from "@/lib/consent/unsubscribe-token";
import { createTrackedLink, reviewTargetUrl } from "@/lib/links/create-tracked-link";
import { AUTO_REVIEW_LINK_STEP, MANUAL_REVIEW_LINK, STEPS } from "@/lib/outbound/flow-steps";
import { fitOneSegment } from "@/lib/sms/fit-one-segment";
import { smsSize } from "@/lib/sms/sms-segments";
import { replyToAddress, replySubject, threadingHeaders } from "@/lib/threading/reply-headers";
import { TEMPLATE_KEYS } from "@/lib/templates/default-templates";
import { getApprovedVersion } from "@/lib/templates/get-approved-version";
import { renderEmailHtml, renderEmailText } from "@/lib/templates/render-email-html";
import { renderTemplate, TemplateRenderError, type TemplateValues } from "@/lib/templates/render-template";

const TEMPLATE_FOR_STEP: Record<string, string> = {
  [`${STEPS.abandonedHelp.flow}:${STEPS.abandonedHelp.step}`]: TEMPLATE_KEYS.abandonedHelp,
  [`${STEPS.checkIn.flow}:${STEPS.checkIn.step}`]: TEMPLATE_KEYS.checkIn,
  [`${STEPS.reviewRequest.flow}:${STEPS.reviewRequest.step}`]: TEMPLATE_KEYS.reviewRequest,
  [`${STEPS.lastReminder.flow}:${STEPS.lastReminder.step}`]: TEMPLATE_KEYS.lastReminder,
  [`${STEPS.smsReviewRequest.flow}:${STEPS.smsReviewRequest.step}`]: TEMPLATE_KEYS.smsReviewRequest,
  [`${STEPS.highValueCartSms.flow}:${STEPS.highValueCartSms.step}`]: TEMPLATE_KEYS.highValueCartSms,
  [`auto_reply:${AUTO_REVIEW_LINK_STEP}`]: TEMPLATE_KEYS.autoReviewLink,
  [`${MANUAL_REVIEW_LINK.flow}:${MANUAL_REVIEW_LINK.step}`]: TEMPLATE_KEYS.reviewLinkRequest,
};

const UNSUBSCRIBE_LABEL = { en: "Unsubscribe from these emails", fr: "Ne plus recevoir ces e-mails" } as const;

export type ComposedEmail = {
  channel: "email";
  subject: string;
  text: string;
  html: string;
  from: string;
  to: string;
  replyTo: string | null;
  messageIdHeader: string;
  headers: { name: string; value: string }[];
  templateVersionId: string;
};
export type ComposedSms = { channel: "sms"; to: string; text: string; segments: number; templateVersionId: string };
export type ComposedMessage = ComposedEmail | ComposedSms;

export class CompositionError extends Error {}

type Context = {
  scheduled: ScheduledMessage;
  /** The day-5 email sent as a plain check-in (the SMS is the review request). */
  variant?: "check_in" | null;
  customer: Customer;
  settings: ShopSettings;
  productName: string | null;
  orderNumber: string | null;
  checkoutUrl: string | null;
  mailboxHash: string;
  /** Message-IDs to answer (In-Reply-To is the last), when this replies to the customer's mail. */
  replyingTo: string[];
  replySubject: string | null;
};

/** The review link of this send, created once so a retry carries the same one. */
async function reviewLinkFor(context: Context, tx: DbClient): Promise<string> {
  const appUrl = env().APP_URL.replace(/\/$/, "");
  const existing = await tx.trackedLink.findFirst({ where: { scheduledMessageId: context.scheduled.id, kind: "review" } });
  if (existing) return `${appUrl}/r/${existing.token}`;
  const target = reviewTargetUrl(context.settings.reviewUrl, context.scheduled.flow, context.scheduled.channel);
  return (await createTrackedLink({ kind: "review", targetUrl: target, customerId: context.customer.id, scheduledMessageId: context.scheduled.id }, appUrl, tx)).url;
}

/** The checkout link of an SMS: a short tracked one (an SMS pays for every character). */
async function checkoutLinkFor(context: Context, tx: DbClient): Promise<string | null> {
  if (!context.checkoutUrl) return null;
  if (context.scheduled.channel !== "sms") return context.checkoutUrl;
  const appUrl = env().APP_URL.replace(/\/$/, "");
  const existing = await tx.trackedLink.findFirst({ where: { scheduledMessageId: context.scheduled.id, kind: "checkout" } });
  if (existing) return `${appUrl}/r/${existing.token}`;
  return (await createTrackedLink({ kind: "checkout", targetUrl: context.checkoutUrl, customerId: context.customer.id, scheduledMessageId: context.scheduled.id }, appUrl, tx)).url;
}

/** Renders the approved founder-voice version for this step, in the customer's language. */
export async function composeMessage(context: Context, tx: DbClient): Promise<ComposedMessage> {
  const { scheduled, customer, settings } = context;
  const key = context.variant === "check_in" ? TEMPLATE_KEYS.reviewRequestCheckIn : TEMPLATE_FOR_STEP[`${scheduled.flow}:${scheduled.step}`];
  if (!key) throw new CompositionError(`No template for ${scheduled.flow} ${scheduled.step}`);
  const approved = await getApprovedVersion(key, scheduled.channel, [customer.locale, settings.defaultLocale], tx);
  if (!approved) throw new CompositionError(`No approved "${key}" ${scheduled.channel} template in ${customer.locale} or ${settings.defaultLocale}`);
  const { version, locale } = approved;
  const usesReviewLink = [version.body, version.subject ?? ""].some((text) => text.includes("reviewLink"));

  const values: TemplateValues = {
    firstName: customer.firstName,
    productName: context.productName,
    shopName: settings.shopName,
    founderName: settings.founderName,
    orderNumber: context.orderNumber,
    checkoutLink: [version.body, version.subject ?? ""].some((text) => text.includes("checkoutLink")) ? await checkoutLinkFor(context, tx) : null,
    reviewLink: usesReviewLink ? await reviewLinkFor(context, tx) : null,
  };
  try {
    if (scheduled.channel === "sms") {
      // A long product name is shortened at a word boundary rather than paying for a second segment.
      const text = fitOneSegment((productName) => renderTemplate(version.body, { ...values, productName }, locale), values.productName ?? null);
      return { channel: "sms", to: customer.phone!, text, segments: smsSize(text).segments, templateVersionId: version.id };
    }
    const body = renderTemplate(version.body, values, locale);
    const { APP_URL, POSTMARK_INBOUND_ADDRESS, LINK_SECRET } = env();
    const unsubscribeUrl = `${APP_URL.replace(/\/$/, "")}/u/${createUnsubscribeToken(customer.id, LINK_SECRET)}`;
    const senderDomain = settings.senderEmail.split("@")[1];
    const messageIdHeader = `<sm-${scheduled.id}@${senderDomain}>`;
    const parts = { body, preheader: version.preheader ? renderTemplate(version.preheader, values, locale) : null, signature: settings.founderSignature, unsubscribeUrl, unsubscribeLabel: UNSUBSCRIBE_LABEL[locale], locale };
    const mailto = POSTMARK_INBOUND_ADDRESS ?? settings.senderEmail;
    return {
      channel: "email",
      subject: context.replyingTo.length && context.replySubject ? replySubject(context.replySubject) : renderTemplate(version.subject ?? "", values, locale),
      text: renderEmailText(parts),
      html: renderEmailHtml(parts),
      from: `"${settings.founderName.replace(/"/g, "")}" <${settings.senderEmail}>`,
      to: customer.email!,
      replyTo: replyToAddress(POSTMARK_INBOUND_ADDRESS, context.mailboxHash),
      messageIdHeader,
      headers: [
        { name: "Message-ID", value: messageIdHeader },
        ...threadingHeaders(context.replyingTo),
        { name: "List-Unsubscribe", value: `<${unsubscribeUrl}>, <mailto:${mailto}?subject=unsubscribe>` },
        { name: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click" },
      ],
      templateVersionId: version.id,
    };
  } catch (error) {
    if (error instanceof TemplateRenderError) throw new CompositionError(`Template "${key}" (${locale}) cannot be rendered: ${error.message}`);
    throw error;
  }
}
