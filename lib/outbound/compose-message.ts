import "server-only";
import { env } from "@/lib/env";
import type { Customer, ScheduledMessage, ShopSettings, TemplateVersion } from "@/lib/generated/prisma/client";
import type { Locale } from "@/lib/generated/prisma/enums";
import {
  CHANNEL_TRAITS,
  isMetaChannel,
  META_CHANNELS,
  textOverLimit,
  type Channel,
  type MetaChannel,
} from "@/lib/channels/channels";
import { createUnsubscribeToken } from "@/lib/consent/unsubscribe-token";
import { reviewTargetUrl } from "@/lib/links/create-tracked-link";
import { AUTO_REVIEW_LINK_STEP, MANUAL_REVIEW_LINK, STEPS } from "@/lib/outbound/flow-steps";
import { fitOneSegment } from "@/lib/sms/fit-one-segment";
import { smsSize } from "@/lib/sms/sms-segments";
import { ourMessageId, replyToAddress, replySubject } from "@/lib/threading/reply-headers";
import { TEMPLATE_KEYS } from "@/lib/templates/default-templates";
import type { ApprovedVersions } from "@/lib/templates/get-approved-version";
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
  /** The Message-IDs this mail answers (the delivery engine writes the threading headers). */
  replyingTo: string[];
  extraHeaders: { name: string; value: string }[];
  templateVersionId: string;
};
export type ComposedSms = { channel: "sms"; to: string; text: string; segments: number; templateVersionId: string };
/** An answer on Messenger or Instagram: plain text to the customer's id on the page, never tagged. */
export type ComposedChat = {
  channel: MetaChannel;
  /** The page (or Instagram account) the customer wrote to. */
  from: string;
  to: string;
  text: string;
  tag: null;
  templateVersionId: string;
};
export type ComposedMessage = ComposedEmail | ComposedSms | ComposedChat;

export class CompositionError extends Error {}

export type ComposeContext = {
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
  /** Messenger and Instagram: the page and the customer's id on it. */
  chatIdentity: { accountId: string; externalId: string } | null;
};

/** The chats answered with this approved text: the review link by reply on Messenger and Instagram. */
export function chatsWrittenWith(key: string, channel: Channel): MetaChannel[] {
  if (key !== TEMPLATE_KEYS.autoReviewLink) return [];
  return META_CHANNELS.filter((chat) => CHANNEL_TRAITS[chat].writtenWith === channel);
}

/** The approved text this message is written with, in the language it will be read in. */
export type ChosenText = { key: string; locale: Locale; version: TemplateVersion };

/** A tracked link the text needs: created with the message's first attempt, so a retry carries the same one (the target is only worked out then). */
export type TrackedLinkNeed = { kind: "review" | "checkout"; targetUrl: () => string };

/** The public URLs of the message's tracked links, by kind. */
export type TrackedLinkUrls = Partial<Record<TrackedLinkNeed["kind"], string>>;

const mentions = (version: TemplateVersion, variable: string) =>
  [version.body, version.subject ?? ""].some((text) => text.includes(variable));

/** Picks the approved founder-voice version for this step, in the customer's language, else the shop's. */
export function chooseText(
  context: Pick<ComposeContext, "scheduled" | "variant" | "customer" | "settings">,
  approvedVersions: ApprovedVersions,
): ChosenText {
  const { scheduled, customer, settings } = context;
  const key =
    context.variant === "check_in"
      ? TEMPLATE_KEYS.reviewRequestCheckIn
      : TEMPLATE_FOR_STEP[`${scheduled.flow}:${scheduled.step}`];
  if (!key) throw new CompositionError(`No template for ${scheduled.flow} ${scheduled.step}`);
  const writtenWith = CHANNEL_TRAITS[scheduled.channel].writtenWith;
  const approved = approvedVersions(key, writtenWith, [customer.locale, settings.defaultLocale]);
  if (!approved)
    throw new CompositionError(
      `No approved "${key}" ${writtenWith} template in ${customer.locale} or ${settings.defaultLocale}`,
    );
  return { key, ...approved };
}

/** The tracked links the chosen text needs: the review link, and an SMS's checkout link (an SMS pays for every character). */
export function trackedLinksNeeded(context: ComposeContext, chosen: ChosenText): TrackedLinkNeed[] {
  const needs: TrackedLinkNeed[] = [];
  if (mentions(chosen.version, "reviewLink"))
    needs.push({
      kind: "review",
      targetUrl: () => reviewTargetUrl(context.settings.reviewUrl, context.scheduled.flow, context.scheduled.channel),
    });
  if (mentions(chosen.version, "checkoutLink") && context.checkoutUrl && context.scheduled.channel === "sms")
    needs.push({ kind: "checkout", targetUrl: () => context.checkoutUrl! });
  return needs;
}

/** The public address of a tracked link. */
export function trackedLinkUrl(token: string): string {
  return `${env().APP_URL.replace(/\/$/, "")}/r/${token}`;
}

/** Renders the chosen text for this message, with its tracked links. No database: the caller loaded what it reads. */
export function renderMessage(context: ComposeContext, chosen: ChosenText, links: TrackedLinkUrls): ComposedMessage {
  const { scheduled, customer, settings } = context;
  const { key, version, locale } = chosen;
  const values: TemplateValues = {
    firstName: customer.firstName,
    productName: context.productName,
    shopName: settings.shopName,
    founderName: settings.founderName,
    orderNumber: context.orderNumber,
    checkoutLink:
      mentions(version, "checkoutLink") && context.checkoutUrl
        ? scheduled.channel === "sms"
          ? (links.checkout ?? null)
          : context.checkoutUrl
        : null,
    reviewLink: mentions(version, "reviewLink") ? (links.review ?? null) : null,
  };
  try {
    if (isMetaChannel(scheduled.channel)) {
      if (!context.chatIdentity)
        throw new CompositionError(`The customer has no ${scheduled.channel} id to answer (unlinked meanwhile?)`);
      const text = renderTemplate(version.body, values, locale);
      const over = textOverLimit(scheduled.channel, text);
      if (over)
        throw new CompositionError(
          `Template "${key}" (${locale}) is ${over.size} ${over.unit}; ${scheduled.channel} takes ${over.max}`,
        );
      return {
        channel: scheduled.channel,
        from: context.chatIdentity.accountId,
        to: context.chatIdentity.externalId,
        text,
        tag: null,
        templateVersionId: version.id,
      };
    }
    if (scheduled.channel === "sms") {
      // A long product name is shortened at a word boundary rather than paying for a second segment.
      const text = fitOneSegment(
        (productName) => renderTemplate(version.body, { ...values, productName }, locale),
        values.productName ?? null,
      );
      return {
        channel: "sms",
        to: customer.phone!,
        text,
        segments: smsSize(text).segments,
        templateVersionId: version.id,
      };
    }
    const body = renderTemplate(version.body, values, locale);
    const { APP_URL, POSTMARK_INBOUND_ADDRESS, LINK_SECRET } = env();
    const unsubscribeUrl = `${APP_URL.replace(/\/$/, "")}/u/${createUnsubscribeToken(customer.id, LINK_SECRET)}`;
    const messageIdHeader = ourMessageId("sm", scheduled.id, settings.senderEmail);
    const parts = {
      body,
      preheader: version.preheader ? renderTemplate(version.preheader, values, locale) : null,
      signature: settings.founderSignature,
      unsubscribeUrl,
      unsubscribeLabel: UNSUBSCRIBE_LABEL[locale],
      locale,
    };
    const mailto = POSTMARK_INBOUND_ADDRESS ?? settings.senderEmail;
    return {
      channel: "email",
      subject:
        context.replyingTo.length && context.replySubject
          ? replySubject(context.replySubject)
          : renderTemplate(version.subject ?? "", values, locale),
      text: renderEmailText(parts),
      html: renderEmailHtml(parts),
      from: `"${settings.founderName.replace(/"/g, "")}" <${settings.senderEmail}>`,
      to: customer.email!,
      replyTo: replyToAddress(POSTMARK_INBOUND_ADDRESS, context.mailboxHash),
      messageIdHeader,
      replyingTo: context.replyingTo,
      extraHeaders: [
        { name: "List-Unsubscribe", value: `<${unsubscribeUrl}>, <mailto:${mailto}?subject=unsubscribe>` },
        { name: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click" },
      ],
      templateVersionId: version.id,
    };
  } catch (error) {
    if (error instanceof TemplateRenderError)
      throw new CompositionError(`Template "${key}" (${locale}) cannot be rendered: ${error.message}`);
    throw error;
  }
}
